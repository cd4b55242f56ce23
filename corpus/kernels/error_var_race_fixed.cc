// expect: ok
// vet: clean
// Fixed kernels/error_var_race: one error slot per validator, read after wait().
#include <array>
#include <string>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(error_var_race_fixed) {
  std::array<weft::var<std::string>, 2> errors;
  weft::WaitGroup wg;
  for (int v = 0; v < 2; ++v) {
    wg.add(1);
    weft::go([&errors, &wg, v] {
      errors[v].write("validator " + std::to_string(v) + " failed");
      wg.done();
    });
  }
  wg.wait();
  weft::check(!errors[0].read().empty() && !errors[1].read().empty(), "both errors kept");
}

// expect: race
// vet: clean
// Kernel (non-blocking, data race): parallel validators each write the shared `first_error`
// when they fail; two failures write it at once.
// Bug: a shared variable written by several tasks without a lock. Fix: each task writes its
// own slot, read after wait() (kernels/error_var_race_fixed.cc).
#include <string>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(error_var_race) {
  weft::var<std::string> first_error;
  weft::WaitGroup wg;
  for (int v = 0; v < 2; ++v) {
    wg.add(1);
    weft::go([&first_error, &wg, v] {
      first_error.write("validator " + std::to_string(v) + " failed");
      wg.done();
    });
  }
  wg.wait();
}

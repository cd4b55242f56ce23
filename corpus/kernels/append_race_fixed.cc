// expect: ok
// vet: clean
// Fixed kernels/append_race: workers send results; only the collector appends.
#include <vector>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(append_race_fixed) {
  auto results = weft::make_chan<int>();
  for (int w = 0; w < 2; ++w) {
    weft::go([results, w] { results.send(w); });
  }
  std::vector<int> collected;
  for (int i = 0; i < 2; ++i) collected.push_back(results.recv().value);
  weft::check(collected.size() == 2, "both results collected");
}

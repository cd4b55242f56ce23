// expect: race
// vet: clean
// Kernel (non-blocking, data race): workers append their results to one shared vector; the
// appends race (and a reallocation can lose or corrupt elements).
// Bug: a container written by several tasks without a lock. Fix: send results on a channel to
// one collector (kernels/append_race_fixed.cc).
#include <vector>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(append_race) {
  weft::var<std::vector<int>> results;
  weft::WaitGroup wg;
  for (int w = 0; w < 2; ++w) {
    wg.add(1);
    weft::go([&results, &wg, w] {
      results.update([w](std::vector<int>& r) { r.push_back(w); });
      wg.done();
    });
  }
  wg.wait();
}

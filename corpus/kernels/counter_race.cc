// expect: race
// vet: clean
// Kernel (non-blocking, data race): request handlers bump a shared statistics counter without
// a lock; increments are lost.
// Bug: an unsynchronised read-modify-write from two tasks. Fix: an atomic counter
// (kernels/counter_race_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(counter_race) {
  weft::var<int> requests{0};
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      requests.update([](int& n) { ++n; });
      wg.done();
    });
  }
  wg.wait();
}

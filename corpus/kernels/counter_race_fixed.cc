// expect: ok
// vet: clean
// Fixed kernels/counter_race: the counter is atomic.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(counter_race_fixed) {
  weft::atomic<int> requests{0};
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      requests.fetch_add(1);
      wg.done();
    });
  }
  wg.wait();
  weft::check(requests.load() == 2, "no increment lost");
}

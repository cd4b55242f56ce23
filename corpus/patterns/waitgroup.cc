// expect: ok
// vet: clean
// WaitGroup: add before starting each task, done when it ends, wait for all of them.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(waitgroup) {
  weft::WaitGroup wg;
  weft::atomic<int> finished{0};
  for (int i = 0; i < 3; ++i) {
    wg.add(1);
    weft::go([&] {
      finished.fetch_add(1);
      wg.done();
    });
  }
  wg.wait();
  weft::check(finished.load() == 3, "every task finished before wait returned");
}

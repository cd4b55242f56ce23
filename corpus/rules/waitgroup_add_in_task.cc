// expect: assertion
// vet: weft-waitgroup-add-in-task
// Breaks "call Add before starting the task": the task adds to the WaitGroup itself, so wait()
// can run before any task has added and return while the work is still going on.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(waitgroup_add_in_task) {
  weft::WaitGroup wg;
  weft::atomic<int> finished{0};
  for (int i = 0; i < 2; ++i) {
    weft::go([&] {
      wg.add(1);  // expect-warning: weft-waitgroup-add-in-task
      finished.fetch_add(1);
      wg.done();
    });
  }
  wg.wait();
  weft::check(finished.load() == 2, "wait() returned after both tasks finished");
}

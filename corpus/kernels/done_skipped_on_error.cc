// expect: deadlock
// vet: clean
// Kernel (blocking, communication): a batch uploader counts its tasks with a WaitGroup, and a
// task that fails to open its file returns before done(); wait() never returns.
// Bug: done() is not on every path. Fix: call done() from a scope guard at the top of the task
// (kernels/done_skipped_on_error_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(done_skipped_on_error) {
  weft::WaitGroup wg;
  weft::atomic<int> uploaded{0};
  for (int file = 0; file < 2; ++file) {
    wg.add(1);
    weft::go([&wg, &uploaded, file] {
      bool opened = file != 1;
      if (!opened) return;
      uploaded.fetch_add(1);
      wg.done();
    });
  }
  wg.wait();
}

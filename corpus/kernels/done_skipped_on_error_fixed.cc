// expect: ok
// vet: clean
// Fixed kernels/done_skipped_on_error: a guard calls done() however the task ends.
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct DoneOnExit {
  weft::WaitGroup& wg;
  ~DoneOnExit() { wg.done(); }
};
}  // namespace

WEFT_PROGRAM(done_skipped_on_error_fixed) {
  weft::WaitGroup wg;
  weft::atomic<int> uploaded{0};
  for (int file = 0; file < 2; ++file) {
    wg.add(1);
    weft::go([&wg, &uploaded, file] {
      DoneOnExit guard{wg};
      bool opened = file != 1;
      if (!opened) return;
      uploaded.fetch_add(1);
    });
  }
  wg.wait();
  weft::check(uploaded.load() == 1, "one file uploaded");
}

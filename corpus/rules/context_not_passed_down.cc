// expect: leak
// vet: clean
// Breaks "pass the context down": the worker is given a fresh background context instead of its
// caller's, so canceling the caller does not reach it and it waits for ever.
#include "weft/harness/program.h"
#include "weft/weft.h"

static void start_worker(const weft::context& /*ctx, unused: the bug*/, weft::chan<int> jobs) {
  auto mine = weft::background();
  weft::go([mine, jobs] {
    for (;;) {
      if (weft::select(weft::case_recv(mine.done()), weft::case_recv(jobs, [](int) {})) == 0) {
        return;
      }
    }
  });
}

WEFT_PROGRAM(context_not_passed_down) {
  auto [ctx, cancel] = weft::with_cancel(weft::background());
  auto jobs = weft::make_chan<int>();
  start_worker(ctx, jobs);
  jobs.send(1);
  cancel();
}

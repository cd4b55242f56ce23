// expect: deadlock
// vet: weft-channel-never-closed
// Kernel (blocking, communication): a log streamer closes its output at the end of the normal
// path, but returns early when it hits a bad record; the reader's range waits for ever.
// Bug: the close is skipped on the error path. Fix: close on every path (a scope guard, or close
// before each return) (kernels/close_skipped_on_error_fixed.cc).
#include <vector>

#include "weft/harness/program.h"
#include "weft/weft.h"

static weft::recv_only<int> stream(std::vector<int> records) {
  auto out = weft::make_chan<int>();
  weft::go([out, records] {
    for (int r : records) {
      if (r < 0) return;  // expect-warning: weft-channel-never-closed
      out.send(r);
    }
    out.close();
  });
  return out;
}

WEFT_PROGRAM(close_skipped_on_error) {
  int sum = 0;
  for (int v : stream({1, -1, 2})) sum += v;
}

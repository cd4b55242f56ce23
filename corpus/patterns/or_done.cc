// expect: ok
// vet: clean
// or-done: range over a channel we do not own, and still stop when done closes.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(or_done) {
  auto done = weft::make_chan<weft::empty>();
  auto feed = weft::make_chan<int>();  // someone else's; it never closes
  weft::go([feed, done] {
    for (int i = 0;; ++i) {
      if (weft::select(weft::case_recv(done), weft::case_send(feed, i)) == 0) return;
    }
  });
  for (int v : weft::or_done(done, weft::recv_only<int>(feed))) {
    if (v == 1) done.close();
  }
}

// The book's or-done: range over a channel you do not own, and still stop when told to.
#include <cstdio>

#include "weft/weft.h"

int main() {
  std::printf("or_done: reading a stream that never closes, until we are done\n");
  auto done = weft::make_chan<weft::empty>();
  auto feed = weft::make_chan<int>();  // owned by someone else; it never closes
  weft::go([feed, done] {
    for (int i = 0;; ++i) {
      if (weft::select(weft::case_recv(done), weft::case_send(feed, i)) == 0) return;
    }
  });
  for (int v : weft::or_done(done, weft::recv_only<int>(feed))) {
    std::printf("  got %d\n", v);
    if (v == 3) done.close();  // the loop ends: or_done closes its output
  }
  std::printf("  loop ended cleanly\n");
}

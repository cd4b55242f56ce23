#include "weft/weft.h"

int next_value();

void with_done(weft::chan<weft::empty> done, weft::chan<int> out) {
  weft::go([done, out] {
    for (;;) {
      if (weft::select(weft::case_recv(done), weft::case_send(out, next_value())) == 0) return;
    }
  });
}

void ranges_until_closed(weft::chan<int> in) {
  weft::go([in] {
    for (int v : in) (void)v;
  });
}

void breaks_out(weft::chan<int> in) {
  weft::go([in] {
    for (;;) {
      auto r = in.recv();
      if (!r.ok) break;
    }
  });
}

void no_channel_ops() {
  weft::go([] {
    int n = 0;
    while (true) {
      if (++n > 10) return;
    }
  });
}

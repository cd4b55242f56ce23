#include "weft/weft.h"

void in_order() {
  auto out = weft::make_chan<int>(2);
  out.send(1);
  out.send(2);
  out.close();
}

void maybe_closed(weft::chan<int> out, bool done) {
  if (done) out.close();
  if (!done) out.send(1);
}

void remade() {
  auto out = weft::make_chan<int>(1);
  out.close();
  out = weft::make_chan<int>(1);
  out.send(1);
}

void other_channel(weft::chan<int> a, weft::chan<int> b) {
  a.close();
  b.send(1);
}

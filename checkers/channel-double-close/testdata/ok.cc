#include "weft/weft.h"

void once(weft::chan<int> out) {
  out.send(1);
  out.close();
}

void either_path(bool a) {
  auto c = weft::make_chan<int>(1);
  if (a) {
    c.close();
  } else {
    c.send(1);
    c.close();
  }
}

void remade() {
  auto c = weft::make_chan<int>();
  c.close();
  c = weft::make_chan<int>();
  c.close();
}

void correlated(bool a) {
  auto c = weft::make_chan<int>();
  if (a) c.close();
  if (!a) c.close();
}

// The owner: it sends, then closes what it was given to fill.
void produce(weft::chan<int> out, int n) {
  for (int i = 0; i < n; ++i) out.send(i);
  out.close();
}

void with_once(weft::chan<int> quit, weft::Once& once) {
  once.call([quit] { quit.close(); });
  once.call([quit] { quit.close(); });
}

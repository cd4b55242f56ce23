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

// Stopped through a Once, or guarded by a flag, or called once.
struct OnceServer {
  weft::chan<weft::empty> quit = weft::make_chan<weft::empty>();
  weft::Once stopping;
  void stop() {
    stopping.call([this] { quit.close(); });
  }
};
struct FlagServer {
  weft::chan<weft::empty> quit = weft::make_chan<weft::empty>();
  bool stopped = false;
  void stop() {
    if (stopped) return;
    stopped = true;
    quit.close();
  }
};
struct PlainServer {
  weft::chan<weft::empty> quit = weft::make_chan<weft::empty>();
  void stop() { quit.close(); }
};

void stops_that_close_once(bool error) {
  OnceServer a;
  weft::go([&a] { a.stop(); });
  a.stop();
  FlagServer b;
  b.stop();
  b.stop();
  PlainServer c;
  if (error) {
    c.stop();
  } else {
    c.stop();
  }
  PlainServer d;
  weft::Once once;
  weft::go([&] { once.call([&] { d.stop(); }); });
  once.call([&] { d.stop(); });
}

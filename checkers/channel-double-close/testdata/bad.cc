#include "weft/weft.h"

void twice(weft::chan<int> out) {
  out.close();
  out.close();  // expect-warning: weft-channel-double-close
}

void cleanup_path(bool failed) {
  auto results = weft::make_chan<int>(1);
  results.send(1);
  results.close();
  if (!failed) {
    results.close();  // expect-warning: weft-channel-double-close
  }
}

void after_loop(int n) {
  auto c = weft::make_chan<int>(n);
  for (int i = 0; i < n; ++i) c.send(i);
  c.close();
  for (int i = 0; i < 2; ++i) {
    if (i == 1) break;
  }
  c.close();  // expect-warning: weft-channel-double-close
}

void consume_one(weft::chan<int> in) {
  in.recv();
  in.close();  // expect-warning: weft-channel-double-close
}

void drain(weft::chan<int> in) {
  for (int v : in) (void)v;
  in.close();  // expect-warning: weft-channel-double-close
}

// A method that closes its object's channel on every call, called twice on one object.
struct Server {
  weft::chan<weft::empty> quit = weft::make_chan<weft::empty>();
  void stop() { quit.close(); }  // expect-warning: weft-channel-double-close
};

void stop_from_two_tasks() {
  Server s;
  auto handled = weft::make_chan<weft::empty>();
  weft::go([&s, handled] {
    s.stop();
    handled.close();
  });
  s.stop();
  handled.recv();
}

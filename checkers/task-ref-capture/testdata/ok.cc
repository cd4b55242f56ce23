#include <memory>

#include "weft/weft.h"

int waits_on_group() {
  int total = 0;
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    total += 1;
    wg.done();
  });
  wg.wait();
  return total;
}

int waits_on_channel() {
  int total = 0;
  auto done = weft::make_chan<weft::empty>();
  weft::go([&] {
    total = 42;
    done.close();
  });
  done.recv();
  return total;
}

void by_value(weft::chan<int> out) {
  int v = 3;
  weft::go([v, out] { out.send(v); });
}

void shared() {
  auto state = std::make_shared<int>(0);
  weft::go([state] { ++*state; });
}

#include <memory>
#include <vector>

#include "weft/weft.h"

int producer_closes() {
  auto values = weft::make_chan<int>();
  weft::go([values] {
    for (int i = 0; i < 3; ++i) values.send(i);
    values.close();
  });
  int sum = 0;
  for (int v : values) sum += v;
  return sum;
}

int fan_in_with_closer(std::vector<weft::recv_only<int>> inputs) {
  auto merged = weft::make_chan<int>();
  auto wg = std::make_shared<weft::WaitGroup>();
  for (auto in : inputs) {
    wg->add(1);
    weft::go([in, merged, wg] {
      for (int v : in) merged.send(v);
      wg->done();
    });
  }
  weft::go([merged, wg] {
    wg->wait();
    merged.close();
  });
  int sum = 0;
  for (int v : merged) sum += v;
  return sum;
}

weft::recv_only<int> stream(std::vector<int> records) {
  auto out = weft::make_chan<int>();
  weft::go([out, records] {
    for (int r : records) {
      if (r < 0) break;
      out.send(r);
    }
    out.close();
  });
  return out;
}

// Never meant to close: a ticker-like stream; only its caller reads it.
weft::recv_only<int> counter(weft::recv_only<weft::empty> done) {
  auto out = weft::make_chan<int>();
  weft::go([out, done] {
    for (int i = 0;; ++i) {
      if (weft::select(weft::case_recv(done), weft::case_send(out, i)) == 0) return;
    }
  });
  return out;
}

void close_in(weft::chan<int> c);
int closed_elsewhere() {
  auto values = weft::make_chan<int>(1);
  values.send(1);
  close_in(values);
  int sum = 0;
  for (int v : values) sum += v;
  return sum;
}

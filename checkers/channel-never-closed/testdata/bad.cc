#include <vector>

#include "weft/weft.h"

int producer_forgets() {
  auto values = weft::make_chan<int>();  // expect-warning: weft-channel-never-closed
  weft::go([values] {
    for (int i = 0; i < 3; ++i) values.send(i);
  });
  int sum = 0;
  for (int v : values) sum += v;
  return sum;
}

int fan_in_without_closer(std::vector<weft::recv_only<int>> inputs) {
  auto merged = weft::make_chan<int>();  // expect-warning: weft-channel-never-closed
  for (auto in : inputs) {
    weft::go([in, merged] {
      for (int v : in) merged.send(v);
    });
  }
  int sum = 0;
  for (int v : merged) sum += v;
  return sum;
}

weft::recv_only<int> stream(std::vector<int> records) {
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

// The book's bridge: a channel of channels, read as one stream.
#include <cstdio>

#include "weft/weft.h"

int main() {
  std::printf("bridge: 5 channels of one value each, read as one stream\n");
  auto done = weft::make_chan<weft::empty>();
  auto streams = weft::make_chan<weft::recv_only<int>>();
  weft::go([streams] {
    for (int i = 0; i < 5; ++i) {
      auto stream = weft::make_chan<int>(1);
      stream.send(i);
      stream.close();
      streams.send(stream);
    }
    streams.close();
  });
  for (int v : weft::bridge<int>(done, streams)) std::printf("  %d\n", v);
}

// The book's tee: every value of one stream goes to two consumers.
#include <cstdio>

#include "weft/weft.h"

int main() {
  std::printf("tee: one stream, two readers\n");
  auto done = weft::make_chan<weft::empty>();
  auto [out1, out2] = weft::tee(done, weft::take<int>(done, weft::repeat(done, {1, 2}), 4));
  for (int v : out1) std::printf("  out1: %d, out2: %d\n", v, out2.recv().value);
  done.close();
}

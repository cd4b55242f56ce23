// The book's queuing: a buffered stage lets a bursty producer run ahead, and chunking lets a
// stage with a per-call cost (a write to disk, a network round trip) pay it once per chunk.
#include <cstdio>
#include <vector>

#include "weft/weft.h"

int main() {
  std::printf("queuing: buffered and chunked stages\n");
  auto done = weft::make_chan<weft::empty>();
  std::vector<int> values(10);
  for (int i = 0; i < 10; ++i) values[static_cast<std::size_t>(i)] = i;
  auto queue = weft::buffered(done, weft::generator(done, values), 4);
  std::printf("  a queue with room for %zu values between the stages\n", queue.cap());
  int call = 0;
  for (const auto& chunk : weft::chunked(done, queue, 4)) {
    std::printf("  expensive call #%d handles %zu values:", ++call, chunk.size());
    for (int v : chunk) std::printf(" %d", v);
    std::printf("\n");
  }
}

// Fan-out, fan-in: several workers read from one channel, their results are merged into one.
// Select picks uniformly among ready cases, so work spreads across the workers.
#include <cstdio>
#include <vector>

#include "weft/weft.h"

int main() {
  std::printf("fan_in: 3 workers square 12 numbers; results merged into one channel\n");
  constexpr int kWorkers = 3;
  auto numbers = weft::make_chan<int>();
  auto results = weft::make_chan<std::pair<int, int>>();  // (worker, square)
  auto finished = weft::make_chan<int>(kWorkers);

  weft::go([numbers] {
    for (int i = 1; i <= 12; ++i) numbers.send(i);
    numbers.close();
  });
  for (int w = 0; w < kWorkers; ++w) {
    weft::go([=] {
      for (int n : numbers) results.send({w, n * n});
      finished.send(w);
    });
  }
  // The last worker out closes results, so the consumer's range ends.
  weft::go([=] {
    for (int i = 0; i < kWorkers; ++i) finished.recv();
    results.close();
  });
  std::vector<int> per_worker(kWorkers);
  long sum = 0;
  for (auto [w, sq] : results) {
    ++per_worker[w];
    sum += sq;
  }
  for (int w = 0; w < kWorkers; ++w) std::printf("  worker %d squared %d numbers\n", w, per_worker[w]);
  std::printf("  sum of squares 1..12 = %ld (expected 650)\n", sum);
  return sum == 650 ? 0 : 1;
}

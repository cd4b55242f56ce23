// The book's generators: repeat a value, repeat a function, take the first few, and stop the
// infinite ones by closing done.
#include <cstdio>
#include <random>

#include "weft/weft.h"

int main() {
  std::printf("generators: repeat, repeat_fn and take\n");
  auto done = weft::make_chan<weft::empty>();

  std::printf("  take 5 of repeat(1, 2):");
  for (int v : weft::take<int>(done, weft::repeat(done, {1, 2}), 5)) std::printf(" %d", v);
  std::printf("\n");

  std::mt19937 rng(42);
  std::printf("  take 3 of repeat_fn(random):");
  for (unsigned v : weft::take<unsigned>(done, weft::repeat_fn(done, [&rng] { return static_cast<unsigned>(rng() % 100); }), 3)) {
    std::printf(" %u", v);
  }
  std::printf("\n");

  weft::LeakCheck leaks;
  done.close();  // the repeaters were blocked on their next send; this stops them
  std::printf("  after close(done): %zu tasks still running\n", leaks.leaked());
}

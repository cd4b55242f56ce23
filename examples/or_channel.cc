// The book's or-channel: one done channel that closes as soon as any of several does. Here the
// signals are timers, and the 50ms one wins.
#include <chrono>
#include <cstdio>

#include "weft/weft.h"

using namespace std::chrono_literals;

int main() {
  std::printf("or_channel: done when the first of 2h, 5min, 1s, 1h, 50ms fires\n");
  const auto start = weft::now();
  auto any = weft::or_channel<weft::time_point>(
      {weft::after(2h), weft::after(5min), weft::after(1s), weft::after(1h), weft::after(50ms)});
  any.recv();
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(weft::now() - start);
  std::printf("  done after %lld ms\n", static_cast<long long>(waited.count()));
}

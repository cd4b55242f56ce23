#include "weft/rt/internal_lock.h"

namespace weft::rt {

namespace {
constexpr int kSpins = 200;
}

void InternalLock::lock_slow() {
  for (int i = 0; i < kSpins; ++i) {
    threads::cpu_relax();
    std::uint32_t expected = 0;
    if (word_.load(std::memory_order_relaxed) == 0 &&
        word_.compare_exchange_weak(expected, 1, std::memory_order_acquire,
                                    std::memory_order_relaxed)) {
      return;
    }
  }
  // Mark the lock contended so the holder's unlock wakes us, then sleep until it is free.
  while (word_.exchange(2, std::memory_order_acquire) != 0) {
    threads::futex_wait(word_, 2);
  }
}

}  // namespace weft::rt

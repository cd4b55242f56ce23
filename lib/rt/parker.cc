#include "parker.h"

#include "weft/rt/futex.h"

namespace weft::rt::threads {

namespace {
// About 1-3 µs of polling: long enough to catch a waker that is mid-hand-off on the other
// core, short enough not to starve the task it waits for when cores are oversubscribed.
constexpr int kSpinIterations = 256;

constinit thread_local Parker tl_parker;
}  // namespace

Parker& this_thread_parker() noexcept { return tl_parker; }

bool Parker::try_consume() noexcept {
  std::uint32_t expected = kNotified;
  return state_.compare_exchange_strong(expected, kEmpty, std::memory_order_acquire,
                                        std::memory_order_relaxed);
}

bool Parker::spin_for_token() noexcept {
  for (int i = 0; i < kSpinIterations; ++i) {
    if (state_.load(std::memory_order_relaxed) == kNotified && try_consume()) return true;
    cpu_relax();
  }
  return false;
}

void Parker::park() noexcept {
  if (spin_for_token()) return;
  // kEmpty -> kParked; if the token arrived meanwhile, take it.
  std::uint32_t expected = kEmpty;
  if (!state_.compare_exchange_strong(expected, kParked, std::memory_order_acquire,
                                      std::memory_order_acquire)) {
    // Only unpark changes the state from kEmpty, so it is kNotified now.
    state_.store(kEmpty, std::memory_order_relaxed);
    return;
  }
  for (;;) {
    futex_wait(state_, kParked);
    if (try_consume()) return;
  }
}

bool Parker::park_for(std::chrono::nanoseconds timeout) noexcept {
  if (spin_for_token()) return true;
  std::uint32_t expected = kEmpty;
  if (!state_.compare_exchange_strong(expected, kParked, std::memory_order_acquire,
                                      std::memory_order_acquire)) {
    state_.store(kEmpty, std::memory_order_relaxed);
    return true;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left > std::chrono::nanoseconds::zero()) futex_wait(state_, kParked, left);
    if (try_consume()) return true;
    if (std::chrono::steady_clock::now() >= deadline) {
      // Withdraw: kParked -> kEmpty, unless the token landed in the meantime.
      expected = kParked;
      if (state_.compare_exchange_strong(expected, kEmpty, std::memory_order_relaxed)) {
        return false;
      }
      return try_consume();
    }
  }
}

void Parker::unpark() noexcept {
  if (state_.exchange(kNotified, std::memory_order_release) == kParked) {
    futex_wake_one(state_);
  }
}

}  // namespace weft::rt::threads

#include "weft/sync/mutex.h"

#include "weft/panic.h"
#include "weft/rt/futex.h"

namespace weft {

namespace {
// On the threads runtime a holder is usually running and about to unlock; a short spin before
// queueing saves a park and a wake (Go's sync.Mutex spins for the same reason).
constexpr int kLockSpins = 64;
}  // namespace

void Mutex::lock_slow(std::source_location where) {
  if (rt::installed_runtime == nullptr) {
    for (int i = 0; i < kLockSpins; ++i) {
      rt::threads::cpu_relax();
      std::uint32_t expected = 0;
      if (state_.load(std::memory_order_relaxed) == 0 &&
          state_.compare_exchange_weak(expected, kLocked, std::memory_order_acquire,
                                       std::memory_order_relaxed)) {
        rt::acquire(sync_);
        return;
      }
    }
  }
  queue_lock_.lock();
  for (;;) {
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    if ((s & kLocked) == 0) {
      // Freed since we looked (no waiters, or we would not have seen it free).
      if (state_.compare_exchange_weak(s, s | kLocked, std::memory_order_acquire,
                                       std::memory_order_relaxed)) {
        queue_lock_.unlock();
        rt::acquire(sync_);
        return;
      }
      continue;
    }
    // Held: make sure its unlock takes the slow path and finds us.
    if ((s & kWaiters) != 0 ||
        state_.compare_exchange_weak(s, s | kWaiters, std::memory_order_relaxed,
                                     std::memory_order_relaxed)) {
      break;
    }
  }
  // The unlocker hands the lock to us directly: when park returns, we own it.
  detail::park_in(waiters_, queue_lock_, op(rt::OpKind::lock, where));
  rt::acquire(sync_);
}

void Mutex::unlock_slow() {
  if ((state_.load(std::memory_order_relaxed) & kLocked) == 0) {
    throw panic("sync: unlock of unlocked mutex");
  }
  rt::Parking* next = nullptr;
  {
    rt::InternalLockGuard guard(queue_lock_);
    next = detail::wake_first(waiters_);
    if (next == nullptr) {
      state_.store(0, std::memory_order_release);
    } else if (waiters_.empty()) {
      state_.store(kLocked, std::memory_order_release);  // still held: by the woken waiter
    }
  }
  if (next != nullptr) rt::unpark(*next);
}

}  // namespace weft

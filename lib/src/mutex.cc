#include "weft/sync/mutex.h"

#include <chrono>

#include "weft/panic.h"
#include "weft/rt/futex.h"

namespace weft {

namespace {
// A holder is usually running and about to unlock; a short spin before queueing saves a park
// and a wake (Go's sync.Mutex spins for the same reason).
constexpr int kLockSpins = 64;
// A waiter woken this long after it first queued, that finds the lock taken again, switches the
// mutex to hand-off (Go's starvation mode, same threshold).
constexpr auto kStarvationThreshold = std::chrono::milliseconds(1);

bool model_installed() noexcept { return rt::installed_runtime != nullptr; }
}  // namespace

void Mutex::lock_slow(std::source_location where) {
  if (model_installed()) return lock_handed_off(where);
  bool woken = false;
  std::chrono::steady_clock::time_point queued_since{};
  for (;;) {
    const int spins = rt::threads::spin_worthwhile() ? kLockSpins : 0;
    for (int i = 0; i < spins; ++i) {
      std::uint32_t s = state_.load(std::memory_order_relaxed);
      if ((s & (kLocked | kStarving)) == 0 &&
          state_.compare_exchange_weak(s, s | kLocked, std::memory_order_acquire,
                                       std::memory_order_relaxed)) {
        rt::acquire(sync_);
        return;
      }
      rt::threads::cpu_relax();
    }
    queue_lock_.lock();
    if (!mark_waiters_or_take()) {
      queue_lock_.unlock();
      rt::acquire(sync_);
      return;
    }
    // Held, and its unlock will find us. Holding queue_lock_, nobody can free it meanwhile.
    const auto now = std::chrono::steady_clock::now();
    if (!woken) {
      queued_since = now;
    } else if (now - queued_since > kStarvationThreshold) {
      state_.fetch_or(kStarving, std::memory_order_relaxed);
    }
    if (detail::park_in(waiters_, queue_lock_, op(rt::OpKind::lock, where), nullptr, woken)) {
      rt::acquire(sync_);  // handed over (starvation mode): we own it
      return;
    }
    woken = true;  // woken to compete: try again, first in line if we lose
  }
}

// With queue_lock_ held: takes the mutex if it is free (and not reserved for a starving waiter)
// and returns false; otherwise makes sure kWaiters is set, so its unlock takes the slow path.
bool Mutex::mark_waiters_or_take() {
  for (;;) {
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    if ((s & (kLocked | kStarving)) == 0) {
      if (state_.compare_exchange_weak(s, s | kLocked, std::memory_order_acquire,
                                       std::memory_order_relaxed)) {
        return false;
      }
      continue;
    }
    if ((s & kWaiters) != 0 ||
        state_.compare_exchange_weak(s, s | kWaiters, std::memory_order_relaxed,
                                     std::memory_order_relaxed)) {
      return true;
    }
  }
}

// Under a model runtime: every unlock with waiters hands the mutex to the first, so the model
// checker's executions are exactly the orders in which the mutex is granted.
void Mutex::lock_handed_off(std::source_location where) {
  queue_lock_.lock();
  if (!mark_waiters_or_take()) {
    queue_lock_.unlock();
    rt::acquire(sync_);
    return;
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
    const bool hand_off =
        model_installed() || (state_.load(std::memory_order_relaxed) & kStarving) != 0;
    next = detail::wake_first(waiters_, hand_off);
    if (next == nullptr) {
      state_.store(0, std::memory_order_release);
    } else if (hand_off) {
      // Still held, by the woken waiter; starvation mode ends with the queue.
      if (waiters_.empty()) state_.store(kLocked, std::memory_order_release);
    } else {
      // Freed: the woken waiter competes for it with whoever comes (Go's normal mode).
      state_.store(waiters_.empty() ? 0 : kWaiters, std::memory_order_release);
    }
  }
  if (next != nullptr) rt::unpark(*next);
}

}  // namespace weft

// weft::Mutex — Go's sync.Mutex.
//
// Mutual exclusion, not reentrant: locking a Mutex the task already holds blocks for ever (the
// model checker reports that self-deadlock). Unlocking an unlocked Mutex panics
// "sync: unlock of unlocked mutex". Meets Lockable, so std::lock_guard, std::unique_lock and
// std::scoped_lock work, and carries clang's thread-safety annotations: with clang and
// -Wthread-safety, WEFT_GUARDED_BY(mu) fields are checked at compile time.
//
//   operation | unlocked        | locked (by anyone)
//   ----------+-----------------+--------------------------------------------------------
//   lock      | takes it        | blocks; waiters are woken first come, first served
//   try_lock  | takes it (true) | false
//   unlock    | panic           | frees it, and wakes the first waiter (see the modes)
//
// As in Go, a Mutex is not tied to a task: one task may lock it and another unlock it.
//
// Two modes, as Go's sync.Mutex. Normal: unlock frees the mutex and wakes the first waiter,
// which competes for it with tasks that arrive meanwhile (a running task usually wins, so a
// contended mutex is not passed around at the cost of a context switch per lock); a woken waiter
// that loses goes back to the head of the queue. Starvation: once a waiter has waited over 1 ms
// and lost, every unlock hands the mutex straight to the first waiter until the queue is empty.
// Under a model runtime (the harness) every unlock with waiters hands it over, so each execution
// the model checker explores is one order in which the mutex is granted.
//
// Invariants: kWaiters is set while waiters_ is non-empty (set under queue_lock_; cleared only by
// unlock, under queue_lock_); kStarving only with kWaiters; while kStarving is set the mutex is
// never free (unlock hands it over), so no one barges; only the holder clears kLocked.
#pragma once

#include <atomic>
#include <cstdint>
#include <source_location>

#include "weft/annotations.h"
#include "weft/detail/waiter.h"
#include "weft/rt/internal_lock.h"
#include "weft/rt/runtime.h"

namespace weft {

class WEFT_CAPABILITY("mutex") Mutex {
 public:
  // `where` names it in the model checker's reports ("lock #1, made at file.cc:12").
  explicit(false) Mutex(std::source_location where = std::source_location::current()) noexcept {
    rt::made(this, where);
  }
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock(std::source_location where = std::source_location::current()) WEFT_ACQUIRE() {
    rt::point(op(rt::OpKind::lock, where));
    std::uint32_t expected = 0;
    if (state_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire,
                                       std::memory_order_relaxed)) [[likely]] {
      rt::acquire(sync_);
      return;
    }
    lock_slow(where);
  }

  bool try_lock(std::source_location where = std::source_location::current())
      WEFT_TRY_ACQUIRE(true) {
    rt::point(op(rt::OpKind::try_lock, where));
    std::uint32_t expected = 0;
    if (!state_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire,
                                        std::memory_order_relaxed)) {
      return false;
    }
    rt::acquire(sync_);
    return true;
  }

  void unlock(std::source_location where = std::source_location::current()) WEFT_RELEASE() {
    rt::point(op(rt::OpKind::unlock, where));
    rt::release(sync_);
    std::uint32_t expected = kLocked;
    if (state_.compare_exchange_strong(expected, 0, std::memory_order_release,
                                       std::memory_order_relaxed)) [[likely]] {
      return;
    }
    unlock_slow();
  }

 private:
  friend struct MutexTestPeer;  // tests look at the queue
  static constexpr std::uint32_t kLocked = 1;
  static constexpr std::uint32_t kWaiters = 2;
  static constexpr std::uint32_t kStarving = 4;

  rt::Op op(rt::OpKind kind, std::source_location where) const noexcept {
    return rt::Op{kind, rt::object_id(this), {}, where};
  }
  void lock_slow(std::source_location where);
  void lock_handed_off(std::source_location where);
  bool mark_waiters_or_take() WEFT_REQUIRES(queue_lock_);
  void unlock_slow();

  std::atomic<std::uint32_t> state_{0};
  rt::InternalLock queue_lock_;
  detail::WaitQueue waiters_ WEFT_GUARDED_BY(queue_lock_);
  rt::SyncSlot sync_;  // unlock -> the next lock (model runtime only)
};

// Holds a Mutex for its scope: std::lock_guard with the annotations clang's analysis needs
// (libstdc++'s lock_guard has none), as absl::MutexLock.
class WEFT_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu, std::source_location where = std::source_location::current())
      WEFT_ACQUIRE(mu)
      : mu_(mu), where_(where) {
    mu_.lock(where_);
  }
  ~MutexLock() WEFT_RELEASE() { mu_.unlock(where_); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
  std::source_location where_;
};

}  // namespace weft

// InternalLock: the lock that guards a primitive's own state (a channel's queues, ...).
//
// Held only for a few instructions, never across a park or a point(). It spins first, since
// on the production runtimes a holder is almost always running on the other core and done in
// nanoseconds, then sleeps on a futex (a waiting thread must not burn a core a preempted holder
// needs). In a model runtime every task runs on one OS thread and no switch happens while it is
// held, so there it is no lock at all (DESIGN.md): nothing to contend, and a program that keeps
// using a primitive whose memory is gone (a task outliving the frame of its WaitGroup) cannot
// hang the model checker on a lock word that is garbage.
//
// States of word_: 0 free, 1 held, 2 held and someone may sleep on it.
#pragma once

#include <atomic>
#include <cstdint>

#include "weft/rt/futex.h"
#include "weft/rt/runtime.h"
#include "weft/annotations.h"

namespace weft::rt {

class WEFT_CAPABILITY("mutex") InternalLock {
 public:
  void lock() WEFT_ACQUIRE() {
    if (installed_runtime != nullptr) [[unlikely]] return;  // a model runtime: one OS thread
    std::uint32_t expected = 0;
    if (word_.compare_exchange_strong(expected, 1, std::memory_order_acquire,
                                      std::memory_order_relaxed)) [[likely]] {
      return;
    }
    lock_slow();
  }
  void unlock() WEFT_RELEASE() {
    if (installed_runtime != nullptr) [[unlikely]] return;
    if (word_.exchange(0, std::memory_order_release) == 2) [[unlikely]] {
      threads::futex_wake_one(word_);
    }
  }

 private:
  void lock_slow();
  std::atomic<std::uint32_t> word_{0};
};

// std::lock_guard, with the annotations clang's analysis needs.
class WEFT_SCOPED_CAPABILITY InternalLockGuard {
 public:
  explicit InternalLockGuard(InternalLock& lock) WEFT_ACQUIRE(lock) : lock_(lock) { lock_.lock(); }
  ~InternalLockGuard() WEFT_RELEASE() { lock_.unlock(); }
  InternalLockGuard(const InternalLockGuard&) = delete;
  InternalLockGuard& operator=(const InternalLockGuard&) = delete;

 private:
  InternalLock& lock_;
};

}  // namespace weft::rt

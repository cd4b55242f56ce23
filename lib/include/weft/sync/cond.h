// weft::Cond — Go's sync.Cond: a rendezvous point for tasks waiting for, or announcing, an
// event, used with a lock that guards the condition.
//
//   weft::Mutex mu;
//   weft::Cond ready(mu);
//   mu.lock();
//   while (!condition()) ready.wait();   // always in a loop: the condition may have changed
//   ...                                  // between the signal and this task running again
//   mu.unlock();
//
// wait() atomically enqueues the task and unlocks the lock, parks, and relocks before it
// returns; it must be called with the lock held. signal() wakes the longest-waiting task,
// broadcast() wakes all; neither needs the lock held. A signal with no one waiting is lost.
// The lock is any BasicLockable (weft::Mutex, weft::RWMutex, std::mutex, ...).
#pragma once

#include <source_location>

#include "weft/annotations.h"
#include "weft/detail/waiter.h"
#include "weft/rt/internal_lock.h"
#include "weft/rt/runtime.h"

namespace weft {

class Cond {
 public:
  template <class Lock>
    requires requires(Lock& l) {
      l.lock();
      l.unlock();
    }
  explicit Cond(Lock& lock, std::source_location where = std::source_location::current())
      : lock_(&lock),
        lock_fn_([](void* l) WEFT_NO_THREAD_SAFETY_ANALYSIS { static_cast<Lock*>(l)->lock(); }),
        unlock_fn_([](void* l) WEFT_NO_THREAD_SAFETY_ANALYSIS { static_cast<Lock*>(l)->unlock(); }) {
    rt::made(this, where);
  }
  Cond(const Cond&) = delete;
  Cond& operator=(const Cond&) = delete;

  void wait(std::source_location where = std::source_location::current());
  void signal(std::source_location where = std::source_location::current());
  void broadcast(std::source_location where = std::source_location::current());

 private:
  void* lock_;
  void (*lock_fn_)(void*);
  void (*unlock_fn_)(void*);
  rt::InternalLock queue_lock_;
  detail::WaitQueue waiters_ WEFT_GUARDED_BY(queue_lock_);
};

}  // namespace weft

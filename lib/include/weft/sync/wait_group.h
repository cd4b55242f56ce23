// weft::WaitGroup — Go's sync.WaitGroup: wait for a collection of tasks to finish.
//
//   weft::WaitGroup wg;
//   for (auto& job : jobs) {
//     wg.add(1);                           // before the task starts, never inside it
//     weft::go([&wg, job] { run(job); wg.done(); });
//   }
//   wg.wait();
//
// add(n) changes the counter; done() is add(-1); wait() blocks until the counter is zero.
// A counter that goes negative panics "sync: negative WaitGroup counter". Everything a task did
// before its done() happens before the return of a wait() that it unblocked.
//
// state_ packs the counter (high 32 bits, signed) and the number of queued waiters (low 32
// bits), as Go's does, so add, done and a wait that need not block are one atomic operation.
// Invariants: the waiter count is raised only under lock_, by a waiter that then queues itself
// before releasing lock_; it is cleared, and every queued waiter woken, under lock_ by the add
// that brings the counter to zero.
#pragma once

#include <atomic>
#include <cstdint>
#include <source_location>

#include "weft/annotations.h"
#include "weft/detail/waiter.h"
#include "weft/rt/internal_lock.h"
#include "weft/rt/runtime.h"

namespace weft {

class WaitGroup {
 public:
  explicit(false) WaitGroup(std::source_location where = std::source_location::current()) noexcept {
    rt::made(this, where);
  }
  WaitGroup(const WaitGroup&) = delete;
  WaitGroup& operator=(const WaitGroup&) = delete;

  void add(std::int64_t delta, std::source_location where = std::source_location::current());
  void done(std::source_location where = std::source_location::current()) { add(-1, where); }
  void wait(std::source_location where = std::source_location::current());

 private:
  static std::int64_t counter_of(std::uint64_t state) noexcept {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(state >> 32));
  }
  static std::uint32_t waiters_of(std::uint64_t state) noexcept {
    return static_cast<std::uint32_t>(state);
  }
  void wake_all();

  std::atomic<std::uint64_t> state_{0};
  rt::InternalLock lock_;
  detail::WaitQueue waiters_ WEFT_GUARDED_BY(lock_);
  rt::SyncSlot sync_;  // every done -> the wait it releases (model runtime only)
};

}  // namespace weft

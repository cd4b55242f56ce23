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
// Invariant: waiters_ is non-empty only while counter_ > 0.
#pragma once

#include <cstdint>
#include <source_location>

#include "weft/annotations.h"
#include "weft/detail/waiter.h"
#include "weft/rt/internal_lock.h"
#include "weft/rt/runtime.h"

namespace weft {

class WaitGroup {
 public:
  WaitGroup() = default;
  WaitGroup(const WaitGroup&) = delete;
  WaitGroup& operator=(const WaitGroup&) = delete;

  void add(std::int64_t delta, std::source_location where = std::source_location::current());
  void done(std::source_location where = std::source_location::current()) { add(-1, where); }
  void wait(std::source_location where = std::source_location::current());

 private:
  rt::InternalLock lock_;
  std::int64_t counter_ WEFT_GUARDED_BY(lock_) = 0;
  detail::WaitQueue waiters_ WEFT_GUARDED_BY(lock_);
  rt::SyncSlot sync_;  // every done -> the wait it releases (model runtime only)
};

}  // namespace weft

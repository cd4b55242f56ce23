// weft::Once — Go's sync.Once: run a function exactly once, however many tasks ask.
//
//   static weft::Once init;
//   init.call([] { load_config(); });
//
// Every call returns only after the one run of the function has finished, and sees what it
// did. If the function throws, the exception propagates out of that call and the Once still
// counts as done (later calls return without running anything), as Go's Do does on a panic.
// Calling call() from inside the function deadlocks, as in Go.
#pragma once

#include <atomic>
#include <source_location>
#include <utility>

#include "weft/rt/runtime.h"
#include "weft/sync/mutex.h"

namespace weft {

class Once {
 public:
  Once(std::source_location where = std::source_location::current()) {
    rt::made(this, where);
  }
  Once(const Once&) = delete;
  Once& operator=(const Once&) = delete;

  template <class F>
  void call(F&& f, std::source_location where = std::source_location::current()) {
    rt::point(rt::OpKind::once, this, where);
    if (done_.load(std::memory_order_acquire)) [[likely]] {
      rt::acquire(sync_);
      return;
    }
    MutexLock guard(mu_, where);
    if (done_.load(std::memory_order_relaxed)) return;  // another caller ran it meanwhile
    struct MarkDone {  // runs on return and on throw, before the lock is released
      Once& once;
      ~MarkDone() {
        rt::release(once.sync_);
        once.done_.store(true, std::memory_order_release);
      }
    } mark{*this};
    std::forward<F>(f)();
  }

  bool done() const noexcept { return done_.load(std::memory_order_acquire); }

 private:
  std::atomic<bool> done_{false};
  Mutex mu_;
  rt::SyncSlot sync_;  // the run -> every call that finds it done (model runtime only)
};

}  // namespace weft

// weft::RWMutex — Go's sync.RWMutex: many readers or one writer, writer-preferring.
//
// Once a writer waits, new readers wait too, so a writer is never starved by a stream of
// readers. The flip side, as in Go: a task that takes a read lock it already holds can deadlock
// (its second rlock waits behind a waiting writer, who waits for the first read lock). The
// model checker finds that deadlock.
//
//   operation | free          | read-held (n readers)          | write-held
//   ----------+---------------+--------------------------------+------------------------------
//   rlock     | read-held (1) | n+1 if no writer waits, else   | blocks
//             |               | blocks                         |
//   runlock   | panic         | n-1; at 0 the first waiting    | panic
//             |               | writer takes it                |
//   lock      | write-held    | blocks (and blocks new readers)| blocks
//   unlock    | panic         | panic                          | admits every waiting reader;
//             |               |                                | if none, the first writer
// Panics: "sync: RUnlock of unlocked RWMutex", "sync: Unlock of unlocked RWMutex".
// Works with std::unique_lock (lock/unlock) and std::shared_lock (lock_shared/unlock_shared).
#pragma once

#include <cstddef>
#include <source_location>

#include "weft/annotations.h"
#include "weft/detail/waiter.h"
#include "weft/rt/internal_lock.h"
#include "weft/rt/runtime.h"

namespace weft {

class WEFT_CAPABILITY("mutex") RWMutex {
 public:
  explicit(false) RWMutex(std::source_location where = std::source_location::current()) noexcept {
    rt::made(this, where);
  }
  RWMutex(const RWMutex&) = delete;
  RWMutex& operator=(const RWMutex&) = delete;

  void lock(std::source_location where = std::source_location::current()) WEFT_ACQUIRE();
  bool try_lock(std::source_location where = std::source_location::current())
      WEFT_TRY_ACQUIRE(true);
  void unlock(std::source_location where = std::source_location::current()) WEFT_RELEASE();

  void rlock(std::source_location where = std::source_location::current())
      WEFT_ACQUIRE_SHARED();
  bool try_rlock(std::source_location where = std::source_location::current())
      WEFT_TRY_ACQUIRE_SHARED(true);
  void runlock(std::source_location where = std::source_location::current())
      WEFT_RELEASE_SHARED();

  // SharedLockable names, for std::shared_lock.
  void lock_shared() WEFT_ACQUIRE_SHARED() { rlock(); }
  bool try_lock_shared() WEFT_TRY_ACQUIRE_SHARED(true) { return try_rlock(); }
  void unlock_shared() WEFT_RELEASE_SHARED() { runlock(); }

 private:
  friend struct RWMutexTestPeer;  // tests look at the queues
  rt::Op op(rt::OpKind kind, std::source_location where) const noexcept {
    return rt::Op{kind, rt::object_id(this), {}, where};
  }

  rt::InternalLock lock_;
  std::size_t readers_ WEFT_GUARDED_BY(lock_) = 0;  // read locks held now
  bool writer_ WEFT_GUARDED_BY(lock_) = false;      // the write lock is held
  detail::WaitQueue waiting_readers_ WEFT_GUARDED_BY(lock_);
  detail::WaitQueue waiting_writers_ WEFT_GUARDED_BY(lock_);
  rt::SyncSlot writer_sync_;   // unlock -> every later lock and rlock (model runtime only)
  rt::SyncSlot readers_sync_;  // runlock -> the next lock
};

}  // namespace weft

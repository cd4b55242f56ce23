#include "weft/sync/rw_mutex.h"

#include <vector>

#include "weft/panic.h"

namespace weft {

void RWMutex::lock(std::source_location where) {
  const rt::Op o = op(rt::OpKind::lock, where);
  rt::point(o);
  lock_.lock();
  if (!writer_ && readers_ == 0) {
    writer_ = true;
    lock_.unlock();
  } else {
    detail::park_in(waiting_writers_, lock_, o);  // woken as the owner
  }
  rt::acquire(writer_sync_);
  rt::acquire(readers_sync_);
}

bool RWMutex::try_lock(std::source_location where) {
  rt::point(op(rt::OpKind::try_lock, where));
  {
    rt::InternalLockGuard guard(lock_);
    if (writer_ || readers_ != 0) return false;
    writer_ = true;
  }
  rt::acquire(writer_sync_);
  rt::acquire(readers_sync_);
  return true;
}

void RWMutex::unlock(std::source_location where) {
  rt::point(op(rt::OpKind::unlock, where));
  std::vector<rt::Parking*> to_wake;
  {
    rt::InternalLockGuard guard(lock_);
    if (!writer_) throw panic("sync: Unlock of unlocked RWMutex");
    rt::release(writer_sync_);
    writer_ = false;
    // Readers that queued behind this writer go first; writers that wait meanwhile hold back
    // new readers, so they are next once these readers are done.
    while (rt::Parking* reader = detail::wake_first(waiting_readers_)) {
      ++readers_;
      to_wake.push_back(reader);
    }
    if (to_wake.empty()) {
      if (rt::Parking* next = detail::wake_first(waiting_writers_)) {
        writer_ = true;
        to_wake.push_back(next);
      }
    }
  }
  for (rt::Parking* p : to_wake) rt::unpark(*p);
}

void RWMutex::rlock(std::source_location where) {
  const rt::Op o = op(rt::OpKind::rlock, where);
  rt::point(o);
  lock_.lock();
  if (!writer_ && waiting_writers_.empty()) {
    ++readers_;
    lock_.unlock();
  } else {
    detail::park_in(waiting_readers_, lock_, o);  // woken already counted in readers_
  }
  rt::acquire(writer_sync_);
}

bool RWMutex::try_rlock(std::source_location where) {
  rt::point(op(rt::OpKind::try_lock, where));
  {
    rt::InternalLockGuard guard(lock_);
    if (writer_ || !waiting_writers_.empty()) return false;
    ++readers_;
  }
  rt::acquire(writer_sync_);
  return true;
}

void RWMutex::runlock(std::source_location where) {
  rt::point(op(rt::OpKind::runlock, where));
  rt::Parking* next = nullptr;
  {
    rt::InternalLockGuard guard(lock_);
    if (readers_ == 0) throw panic("sync: RUnlock of unlocked RWMutex");
    rt::release(readers_sync_);
    if (--readers_ == 0) {
      next = detail::wake_first(waiting_writers_);
      if (next != nullptr) writer_ = true;
    }
  }
  if (next != nullptr) rt::unpark(*next);
}

}  // namespace weft

#include "weft/sync/cond.h"

#include <vector>

namespace weft {

void Cond::wait(std::source_location where) {
  const rt::Op op{rt::OpKind::cond_wait, rt::object_id(this), {}, where};
  rt::point(op);
  rt::Parking parking;
  detail::Waiter self;
  self.parking = &parking;
  rt::release(self.sync);
  {
    // Enqueued before the lock is released, so a signal sent right after cannot be missed.
    rt::InternalLockGuard guard(queue_lock_);
    waiters_.push_back(self);
  }
  unlock_fn_(lock_);
  try {
    rt::park(parking, op);
  } catch (...) {
    // A model runtime unwinding a task blocked for good (see detail::park_in).
    rt::InternalLockGuard guard(queue_lock_);
    waiters_.remove(self);
    throw;
  }
  rt::acquire(self.sync);
  lock_fn_(lock_);
}

void Cond::signal(std::source_location where) {
  rt::point(rt::OpKind::cond_signal, this, where);
  rt::Parking* next = nullptr;
  {
    rt::InternalLockGuard guard(queue_lock_);
    next = detail::wake_first(waiters_);
  }
  if (next != nullptr) rt::unpark(*next);
}

void Cond::broadcast(std::source_location where) {
  rt::point(rt::OpKind::cond_broadcast, this, where);
  std::vector<rt::Parking*> to_wake;
  {
    rt::InternalLockGuard guard(queue_lock_);
    while (rt::Parking* w = detail::wake_first(waiters_)) to_wake.push_back(w);
  }
  for (rt::Parking* w : to_wake) rt::unpark(*w);
}

}  // namespace weft

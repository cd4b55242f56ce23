#include "weft/sync/wait_group.h"

#include <vector>

#include "weft/panic.h"

namespace weft {

void WaitGroup::add(std::int64_t delta, std::source_location where) {
  rt::point(rt::OpKind::wg_add, this, where);
  std::vector<rt::Parking*> to_wake;
  {
    rt::InternalLockGuard guard(lock_);
    if (counter_ + delta < 0) throw panic("sync: negative WaitGroup counter");
    counter_ += delta;
    if (delta < 0) rt::release(sync_);
    if (counter_ == 0) {
      while (rt::Parking* w = detail::wake_first(waiters_)) to_wake.push_back(w);
    }
  }
  for (rt::Parking* w : to_wake) rt::unpark(*w);
}

void WaitGroup::wait(std::source_location where) {
  const rt::Op op{rt::OpKind::wg_wait, rt::object_id(this), {}, where};
  rt::point(op);
  lock_.lock();
  if (counter_ == 0) {
    lock_.unlock();
  } else {
    detail::park_in(waiters_, lock_, op);
  }
  rt::acquire(sync_);
}

}  // namespace weft

#include "weft/sync/wait_group.h"

#include <limits>
#include <vector>

#include "weft/panic.h"

namespace weft {

void WaitGroup::add(std::int64_t delta, std::source_location where) {
  rt::point(delta < 0 ? rt::OpKind::wg_done : rt::OpKind::wg_add, this, where);
  if (delta > std::numeric_limits<std::int32_t>::max() ||
      delta < std::numeric_limits<std::int32_t>::min()) {
    throw panic("sync: WaitGroup delta out of range");
  }
  if (delta < 0) rt::release(sync_);
  const std::uint64_t shifted = static_cast<std::uint64_t>(delta) << 32;
  const std::uint64_t before = state_.fetch_add(shifted, std::memory_order_acq_rel);
  const std::int64_t counter = counter_of(before) + delta;
  if (counter < 0) {
    state_.fetch_sub(shifted, std::memory_order_relaxed);  // leave the counter as it was
    throw panic("sync: negative WaitGroup counter");
  }
  if (counter > 0 || waiters_of(before) == 0) return;
  wake_all();
}

void WaitGroup::wake_all() {
  std::vector<rt::Parking*> to_wake;
  {
    rt::InternalLockGuard guard(lock_);
    // Every counted waiter is queued by now: it counted itself and queued under lock_.
    state_.fetch_and(~std::uint64_t{0xFFFF'FFFF}, std::memory_order_relaxed);
    while (rt::Parking* w = detail::wake_first(waiters_)) to_wake.push_back(w);
  }
  for (rt::Parking* w : to_wake) rt::unpark(*w);
}

void WaitGroup::wait(std::source_location where) {
  const rt::Op op{rt::OpKind::wg_wait, rt::object_id(this), {}, where};
  rt::point(op);
  if (counter_of(state_.load(std::memory_order_acquire)) == 0) {
    rt::acquire(sync_);
    return;
  }
  lock_.lock();
  for (std::uint64_t s = state_.load(std::memory_order_acquire);;) {
    if (counter_of(s) == 0) {
      lock_.unlock();
      rt::acquire(sync_);
      return;
    }
    if (state_.compare_exchange_weak(s, s + 1, std::memory_order_acq_rel,
                                     std::memory_order_acquire)) {
      break;
    }
  }
  detail::park_in(waiters_, lock_, op);
  rt::acquire(sync_);
}

}  // namespace weft

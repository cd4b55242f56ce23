// Waiter and WaitQueue: a task blocked in a primitive's queue (Go's sudog and waitq).
//
// A Waiter lives on the blocked task's stack for the duration of one blocking operation.
// Invariants:
//   - While `queued`, it is linked in exactly one WaitQueue, and its fields are guarded by that
//     queue's owner's lock.
//   - A waker first claims it (claim() below), then completes the hand-off (moves the value,
//     sets `success`), and only then unparks its `parking`, after which it touches nothing of
//     the waiter. A waiter is claimed at most once.
//   - A select puts one Waiter per case in several queues; they share a SelectGroup, and the
//     first waker to claim any of them wins the whole select. The others become stale: whoever
//     meets them in a queue (under that queue's lock) unlinks and skips them.
#pragma once

#include <atomic>
#include <cstddef>

#include "weft/annotations.h"
#include "weft/rt/internal_lock.h"
#include "weft/rt/runtime.h"

namespace weft::detail {

struct Waiter;

// Shared by the waiters of one blocked select.
struct SelectGroup {
  std::atomic<bool> fired{false};  // set by the one waker that claims a case
  Waiter* winner = nullptr;        // written by that waker before it unparks the task
};

struct Waiter {
  rt::Parking* parking = nullptr;  // where the blocked task waits (shared by a select's cases)
  void* elem = nullptr;           // send: value to move from; receive: raw storage to move into
  SelectGroup* select = nullptr;  // non-null when this is one case of a select
  std::size_t case_index = 0;     // which case, when part of a select
  bool success = false;           // receive: got a value; send: delivered (false: closed)
  rt::SyncSlot sync;              // happens-before between this task and its waker

  Waiter* prev = nullptr;
  Waiter* next = nullptr;
  bool queued = false;

  // Claims the waiter for a waker. Always succeeds for a plain (non-select) operation.
  bool claim() noexcept {
    if (select == nullptr) return true;
    bool expected = false;
    if (!select->fired.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) {
      return false;
    }
    select->winner = this;
    return true;
  }
  bool stale() const noexcept {
    return select != nullptr && select->fired.load(std::memory_order_acquire);
  }
};

// FIFO of waiters, intrusive. Guarded by its owner's lock.
class WaitQueue {
 public:
  void push_front(Waiter& w) noexcept {
    w.prev = nullptr;
    w.next = head_;
    (head_ != nullptr ? head_->prev : tail_) = &w;
    head_ = &w;
    w.queued = true;
  }

  void push_back(Waiter& w) noexcept {
    w.prev = tail_;
    w.next = nullptr;
    (tail_ != nullptr ? tail_->next : head_) = &w;
    tail_ = &w;
    w.queued = true;
  }

  // Unlinks w if it is still queued (a select's waiter may have been unlinked by a waker).
  void remove(Waiter& w) noexcept {
    if (!w.queued) return;
    (w.prev != nullptr ? w.prev->next : head_) = w.next;
    (w.next != nullptr ? w.next->prev : tail_) = w.prev;
    w.prev = w.next = nullptr;
    w.queued = false;
  }

  // Unlinks and returns the first waiter that can be claimed, dropping stale ones on the way.
  Waiter* dequeue_claimed() noexcept {
    while (Waiter* w = head_) {
      remove(*w);
      if (w->claim()) return w;
    }
    return nullptr;
  }

  // Whether a claimable waiter is queued (stale ones at the head are dropped).
  bool has_live_waiter() noexcept {
    while (head_ != nullptr && head_->stale()) remove(*head_);
    return head_ != nullptr;
  }

  bool empty() const noexcept { return head_ == nullptr; }

  // Walks the queue: for diagnostics and tests, not for hot paths.
  std::size_t size() const noexcept {
    std::size_t n = 0;
    for (const Waiter* w = head_; w != nullptr; w = w->next) ++n;
    return n;
  }

 private:
  Waiter* head_ = nullptr;
  Waiter* tail_ = nullptr;
};

// The blocking half every primitive shares: enqueue a waiter for the calling task in `queue`,
// release `lock` (the queue owner's, held on entry), park until a waker completes the
// operation. `elem` is the waiter's value slot (see Waiter::elem), if the operation has one;
// `at_front` queues it first (a waiter that was woken and lost the race goes back to the head).
// Returns what the waker set in `success`.
inline bool park_in(WaitQueue& queue, rt::InternalLock& lock, const rt::Op& op,
                    void* elem = nullptr, bool at_front = false) WEFT_RELEASE(lock) {
  rt::Parking parking;
  Waiter self;
  self.parking = &parking;
  self.elem = elem;
  rt::release(self.sync);
  if (at_front) {
    queue.push_front(self);
  } else {
    queue.push_back(self);
  }
  lock.unlock();
  try {
    rt::park(parking, op);
  } catch (...) {
    // Only a model runtime's park throws: it unwinds a task that stays blocked for good. The
    // waiter must not outlive this frame in the queue.
    lock.lock();
    queue.remove(self);
    lock.unlock();
    throw;
  }
  rt::acquire(self.sync);
  return self.success;
}

// The waking half: claims the first claimable waiter of `queue`, sets its result, and returns
// where to unpark it (after the owner's lock is released), or nullptr if none waits.
inline rt::Parking* wake_first(WaitQueue& queue, bool success = true) {
  Waiter* w = queue.dequeue_claimed();
  if (w == nullptr) return nullptr;
  w->success = success;
  // One way only: what the waker did happens before the woken task goes on. The waiter's own
  // past does not happen before the waker (a blocked Lock is not ordered before the Unlock
  // that hands it the mutex, in Go's memory model), so the waker acquires nothing here.
  rt::release(w->sync);
  return w->parking;
}

}  // namespace weft::detail

// select: Go's selectgo, in named passes.
//
//   pass 0 – lock every distinct channel of the select, in address order (no deadlock between
//            two selects over the same channels).
//   pass 1 – find every case that could complete now; choose one uniformly at random through
//            the runtime (the model checker enumerates this choice) and complete it. With none
//            ready, run the default if there is one.
//   pass 2 – enqueue a waiter on every channel, all sharing one SelectGroup, unlock, park.
//   pass 3 – woken by the waker that claimed one of our waiters: lock again, unlink the other
//            waiters, and report the case that won.
//
// Pass 1 may find a case ready and then lose it: the waiting partner it saw belonged to another
// select that a third task claimed in between (threads runtime only). Completing the case then
// unlinks that stale waiter, so pass 1 runs again with strictly fewer waiters to consider.
#include <algorithm>
#include <array>
#include <vector>

#include "chan_core.h"
#include "weft/panic.h"

namespace weft::detail {

namespace {

// A fixed-capacity buffer on the stack that spills to the heap for unusually large selects.
template <class T, std::size_t N>
class SmallVector {
 public:
  void push_back(const T& v) {
    if (size_ < N) {
      inline_[size_++] = v;
      return;
    }
    if (heap_.empty()) heap_.assign(inline_.begin(), inline_.end());
    heap_.push_back(v);
    ++size_;
  }
  T* begin() { return heap_.empty() ? inline_.data() : heap_.data(); }
  T* end() { return begin() + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return begin()[i]; }
  void clear() {
    size_ = 0;
    heap_.clear();
  }
  void resize_down(std::size_t n) {
    size_ = n;
    if (!heap_.empty()) heap_.resize(n);
  }

 private:
  std::array<T, N> inline_{};
  std::vector<T> heap_;
  std::size_t size_ = 0;
};

constexpr std::size_t kInlineCases = 8;

// The distinct channels of a select, sorted by address: the order in which they are locked.
class LockSet {
 public:
  explicit LockSet(std::span<const SelectCase> cases) {
    for (const SelectCase& c : cases) {
      if (c.chan != nullptr) chans_.push_back(c.chan);
    }
    std::sort(chans_.begin(), chans_.end());
    chans_.resize_down(
        static_cast<std::size_t>(std::unique(chans_.begin(), chans_.end()) - chans_.begin()));
  }
  void lock_all() WEFT_NO_THREAD_SAFETY_ANALYSIS {
    for (ChanCore* c : chans_) c->lock.lock();
  }
  void unlock_all() WEFT_NO_THREAD_SAFETY_ANALYSIS {
    for (auto* it = chans_.end(); it != chans_.begin();) (*--it)->lock.unlock();
  }
  bool empty() const { return chans_.empty(); }
  std::span<const rt::ObjectId> ids() {
    for (ChanCore* c : chans_) ids_.push_back(c->id());
    return {ids_.begin(), ids_.size()};
  }

 private:
  SmallVector<ChanCore*, kInlineCases> chans_;
  SmallVector<rt::ObjectId, kInlineCases> ids_;
};

}  // namespace

SelectResult select(std::span<const SelectCase> cases, bool has_default,
                    std::source_location where) WEFT_NO_THREAD_SAFETY_ANALYSIS {
  const std::size_t kDefault = cases.size();
  LockSet locks(cases);
  const rt::Op op{rt::OpKind::select, 0, locks.ids(), where};
  rt::point(op);

  if (locks.empty()) {
    // Only nil channels (or none): never ready.
    if (has_default) return {kDefault, false};
    rt::Parking forever;
    for (;;) rt::park(forever, op);
  }

  // pass 0
  locks.lock_all();

  // pass 1
  SmallVector<std::size_t, kInlineCases> ready;
  for (;;) {
    ready.clear();
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const SelectCase& c = cases[i];
      if (c.chan == nullptr) continue;
      if (c.is_send ? c.chan->send_ready() : c.chan->recv_ready()) ready.push_back(i);
    }
    if (ready.empty()) break;
    const std::size_t pick = ready.size() == 1 ? 0 : rt::choose(ready.size());
    const std::size_t i = ready[pick];
    const SelectCase& c = cases[i];
    rt::Parking* to_wake = nullptr;
    bool received = false;
    if (c.is_send) {
      const SendStep step = c.chan->try_send_locked(c.elem, to_wake);
      if (step == SendStep::would_block) continue;
      if (step == SendStep::closed) {
        locks.unlock_all();
        throw panic(panic_message::send_on_closed);
      }
    } else {
      const RecvStatus status = c.chan->try_recv_locked(c.elem, to_wake);
      if (status == RecvStatus::would_block) continue;
      received = status == RecvStatus::value;
    }
    locks.unlock_all();
    if (to_wake != nullptr) rt::unpark(*to_wake);
    return {i, received};
  }
  if (has_default) {
    locks.unlock_all();
    return {kDefault, false};
  }

  // pass 2
  SelectGroup group;
  // One waiter per case, on the stack for the usual small select. Sized before any address is
  // taken: a spill to the heap would move them.
  SmallVector<Waiter, kInlineCases> waiters;
  for (std::size_t i = 0; i < cases.size(); ++i) waiters.push_back(Waiter{});
  rt::Parking parking;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const SelectCase& c = cases[i];
    if (c.chan == nullptr) continue;
    Waiter& w = waiters[i];
    w.parking = &parking;
    w.elem = c.elem;
    w.select = &group;
    w.case_index = i;
    rt::release(w.sync);
    (c.is_send ? c.chan->sendq() : c.chan->recvq()).push_back(w);
  }
  locks.unlock_all();
  auto withdraw = [&]() WEFT_NO_THREAD_SAFETY_ANALYSIS {
    locks.lock_all();
    for (std::size_t i = 0; i < cases.size(); ++i) {
      if (cases[i].chan != nullptr) cases[i].chan->dequeue(waiters[i], cases[i].is_send);
    }
    locks.unlock_all();
  };
  try {
    rt::park(parking, op);
  } catch (...) {
    withdraw();  // a model runtime unwinding a task blocked for good (see park_in)
    throw;
  }

  // pass 3
  withdraw();
  Waiter& winner = *group.winner;
  rt::acquire(winner.sync);
  if (cases[winner.case_index].is_send && !winner.success) {
    throw panic(panic_message::send_on_closed);
  }
  return {winner.case_index, !cases[winner.case_index].is_send && winner.success};
}

}  // namespace weft::detail

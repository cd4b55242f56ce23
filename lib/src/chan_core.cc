// The channel state machine: Go's chansend / chanrecv / closechan, once, for every runtime.
#include "chan_core.h"

#include <algorithm>
#include <new>
#include <vector>

#include "weft/panic.h"

namespace weft::detail {

namespace {
std::size_t round_up(std::size_t n, std::size_t align) { return (n + align - 1) / align * align; }
}  // namespace

ChanCore::ChanCore(const ElemOps& ops, std::size_t capacity)
    : ops_(ops),
      cap_(capacity),
      stride_(round_up(ops.size, ops.align)),
      buf_(capacity == 0 ? nullptr
                         : static_cast<std::byte*>(::operator new[](
                               capacity * stride_, std::align_val_t{ops.align})),
           AlignedDelete{ops.align}),
      slot_sync_(capacity == 0 ? nullptr : new rt::SyncSlot[capacity]) {}

ChanCore::~ChanCore() WEFT_NO_THREAD_SAFETY_ANALYSIS {
  // No one else holds a reference any more; destroy what is still buffered.
  for (std::size_t i = 0; i < count_; ++i) ops_.destroy(slot((recvx_ + i) % cap_));
}

void ChanCore::push_slot(void* src) {
  rt::SyncSlot& sync = slot_sync_[sendx_];
  rt::acquire(sync);  // the receive that freed this slot happens before this send completes
  rt::release(sync);
  ops_.move_construct(slot(sendx_), src);
  sendx_ = (sendx_ + 1) % cap_;
  ++count_;
}

void ChanCore::pop_slot(void* dst) {
  rt::SyncSlot& sync = slot_sync_[recvx_];
  rt::acquire(sync);  // the send that filled this slot happens before this receive completes
  rt::release(sync);
  void* from = slot(recvx_);
  ops_.move_construct(dst, from);
  ops_.destroy(from);
  recvx_ = (recvx_ + 1) % cap_;
  --count_;
}

SendStep ChanCore::try_send_locked(void* src, rt::Parking*& to_wake) {
  if (closed_) return SendStep::closed;
  // Pass 1: a receiver is already waiting (so the buffer is empty): hand the value over.
  if (Waiter* receiver = recvq_.dequeue_claimed()) {
    // Unbuffered: the receive happens before the send completes (a rendezvous). Buffered, the
    // receiver merely got here first: the send owes it nothing.
    if (cap_ == 0) rt::acquire(receiver->sync);
    ops_.move_construct(receiver->elem, src);
    receiver->success = true;
    rt::release(receiver->sync);
    to_wake = receiver->parking;
    return SendStep::done;
  }
  // Pass 2: room in the buffer.
  if (count_ < cap_) {
    push_slot(src);
    return SendStep::done;
  }
  return SendStep::would_block;
}

RecvStatus ChanCore::try_recv_locked(void* dst, rt::Parking*& to_wake) {
  // Pass 1: a sender is waiting, so the buffer is full (or there is none).
  if (Waiter* sender = sendq_.dequeue_claimed()) {
    rt::acquire(sender->sync);
    if (cap_ == 0) {
      ops_.move_construct(dst, sender->elem);
    } else {
      // Take the oldest element, and let the sender's value take the freed slot at the tail,
      // so FIFO order holds across the hand-off.
      pop_slot(dst);
      push_slot(sender->elem);
    }
    sender->success = true;
    rt::release(sender->sync);
    to_wake = sender->parking;
    return RecvStatus::value;
  }
  // Pass 2: something buffered (this also drains a closed channel).
  if (count_ > 0) {
    pop_slot(dst);
    return RecvStatus::value;
  }
  if (closed_) {
    rt::acquire(close_sync_);
    return RecvStatus::closed;
  }
  return RecvStatus::would_block;
}

bool ChanCore::send_ready() { return closed_ || recvq_.has_live_waiter() || count_ < cap_; }

bool ChanCore::recv_ready() { return count_ > 0 || closed_ || sendq_.has_live_waiter(); }

void ChanCore::close(std::source_location) {
  std::vector<rt::Parking*> to_wake;
  {
    rt::InternalLockGuard guard(lock);
    if (closed_) throw panic(panic_message::close_of_closed);
    closed_ = true;
    rt::release(close_sync_);
    // Every blocked receiver gets the zero value; every blocked sender panics.
    for (WaitQueue* queue : {&recvq_, &sendq_}) {
      while (rt::Parking* p = wake_first(*queue, false)) to_wake.push_back(p);
    }
  }
  for (rt::Parking* p : to_wake) rt::unpark(*p);
}

std::size_t ChanCore::len() {
  rt::InternalLockGuard guard(lock);
  return count_;
}

// ---- the operations, as chan.h calls them --------------------------------------------------

ChanPtr make_chan_core(const ElemOps& ops, std::ptrdiff_t capacity) {
  if (capacity < 0) throw panic(panic_message::makechan_size);
  return std::make_shared<ChanCore>(ops, static_cast<std::size_t>(capacity));
}

namespace {

[[noreturn]] void block_forever(rt::OpKind kind, std::source_location where) {
  const rt::Op op{kind, 0, {}, where};
  rt::Parking parking;
  for (;;) rt::park(parking, op);  // nothing ever unparks it
}

}  // namespace

void chan_send(ChanCore* chan, void* src, std::source_location where) {
  if (chan == nullptr) {
    rt::point(rt::Op{rt::OpKind::chan_send, 0, {}, where});
    block_forever(rt::OpKind::chan_send, where);
  }
  const rt::Op op{rt::OpKind::chan_send, chan->id(), {}, where};
  rt::point(op);
  rt::Parking* to_wake = nullptr;
  chan->lock.lock();
  switch (chan->try_send_locked(src, to_wake)) {
    case SendStep::done:
      chan->lock.unlock();
      if (to_wake != nullptr) rt::unpark(*to_wake);
      return;
    case SendStep::closed:
      chan->lock.unlock();
      throw panic(panic_message::send_on_closed);
    case SendStep::would_block:
      break;
  }
  // Block until a receiver takes the value, or close makes us panic.
  if (!park_in(chan->sendq(), chan->lock, op, src)) throw panic(panic_message::send_on_closed);
}

bool chan_try_send(ChanCore* chan, void* src, std::source_location where) {
  rt::point(rt::Op{rt::OpKind::chan_send, chan == nullptr ? 0 : chan->id(), {}, where});
  if (chan == nullptr) return false;
  rt::Parking* to_wake = nullptr;
  SendStep step;
  {
    rt::InternalLockGuard guard(chan->lock);
    step = chan->try_send_locked(src, to_wake);
  }
  if (step == SendStep::closed) throw panic(panic_message::send_on_closed);
  if (to_wake != nullptr) rt::unpark(*to_wake);
  return step == SendStep::done;
}

RecvStatus chan_recv(ChanCore* chan, void* dst, std::source_location where) {
  if (chan == nullptr) {
    rt::point(rt::Op{rt::OpKind::chan_recv, 0, {}, where});
    block_forever(rt::OpKind::chan_recv, where);
  }
  const rt::Op op{rt::OpKind::chan_recv, chan->id(), {}, where};
  rt::point(op);
  rt::Parking* to_wake = nullptr;
  chan->lock.lock();
  const RecvStatus status = chan->try_recv_locked(dst, to_wake);
  if (status != RecvStatus::would_block) {
    chan->lock.unlock();
    if (to_wake != nullptr) rt::unpark(*to_wake);
    return status;
  }
  // Block until a sender hands us a value, or close wakes us empty-handed.
  return park_in(chan->recvq(), chan->lock, op, dst) ? RecvStatus::value : RecvStatus::closed;
}

RecvStatus chan_try_recv(ChanCore* chan, void* dst, std::source_location where) {
  rt::point(rt::Op{rt::OpKind::chan_recv, chan == nullptr ? 0 : chan->id(), {}, where});
  if (chan == nullptr) return RecvStatus::would_block;
  rt::Parking* to_wake = nullptr;
  RecvStatus status;
  {
    rt::InternalLockGuard guard(chan->lock);
    status = chan->try_recv_locked(dst, to_wake);
  }
  if (to_wake != nullptr) rt::unpark(*to_wake);
  return status;
}

void chan_close(ChanCore* chan, std::source_location where) {
  rt::point(rt::Op{rt::OpKind::chan_close, chan == nullptr ? 0 : chan->id(), {}, where});
  if (chan == nullptr) throw panic(panic_message::close_of_nil);
  chan->close(where);
}

std::size_t chan_len(ChanCore* chan) noexcept { return chan == nullptr ? 0 : chan->len(); }
std::size_t chan_cap(const ChanCore* chan) noexcept { return chan == nullptr ? 0 : chan->cap(); }

}  // namespace weft::detail

// ChanCore: a channel's state (Go's hchan) and the non-blocking steps that every operation
// and select are built from.
//
// Invariants (all fields below `lock` are guarded by it):
//   - 0 <= count <= cap; the buffered elements are slots recvx, recvx+1, ... (mod cap).
//   - sendq is non-empty only when the buffer is full (cap == 0: always "full").
//   - recvq is non-empty only when the buffer is empty.
//   - once closed, sendq and recvq are empty for good (close drains both) and no element is
//     ever added to the buffer.
#pragma once

#include <cstddef>
#include <memory>

#include "weft/rt/internal_lock.h"
#include "weft/detail/waiter.h"
#include "weft/annotations.h"
#include "weft/detail/chan_core_api.h"
#include "weft/rt/runtime.h"

namespace weft::detail {

enum class SendStep : unsigned char { done, closed, would_block };

class ChanCore {
 public:
  ChanCore(const ElemOps& ops, std::size_t capacity);
  ~ChanCore();
  ChanCore(const ChanCore&) = delete;
  ChanCore& operator=(const ChanCore&) = delete;

  rt::ObjectId id() const noexcept { return rt::object_id(this); }

  // One step of a send or a receive, without blocking. On success a waiter may need waking:
  // it is returned in `to_wake`, to be unparked after the lock is released.
  SendStep try_send_locked(void* src, rt::Parking*& to_wake) WEFT_REQUIRES(lock);
  RecvStatus try_recv_locked(void* dst, rt::Parking*& to_wake) WEFT_REQUIRES(lock);

  // Whether try_*_locked would complete now (a send on a closed channel "completes" by
  // panicking, as it would in Go's select).
  bool send_ready() WEFT_REQUIRES(lock);
  bool recv_ready() WEFT_REQUIRES(lock);

  // Where blocked senders and receivers wait.
  WaitQueue& sendq() WEFT_REQUIRES(lock) { return sendq_; }
  WaitQueue& recvq() WEFT_REQUIRES(lock) { return recvq_; }
  void dequeue(Waiter& w, bool is_send) WEFT_REQUIRES(lock) {
    (is_send ? sendq_ : recvq_).remove(w);
  }

  void close(std::source_location where);
  std::size_t len() WEFT_EXCLUDES(lock);
  std::size_t cap() const noexcept { return cap_; }

  mutable rt::InternalLock lock;

 private:
  void* slot(std::size_t i) const noexcept { return buf_.get() + i * stride_; }
  void push_slot(void* src) WEFT_REQUIRES(lock);
  void pop_slot(void* dst) WEFT_REQUIRES(lock);

  const ElemOps& ops_;
  const std::size_t cap_;
  const std::size_t stride_;
  struct AlignedDelete {
    std::size_t align;
    void operator()(std::byte* p) const noexcept { ::operator delete[](p, std::align_val_t{align}); }
  };
  const std::unique_ptr<std::byte[], AlignedDelete> buf_;  // cap_ slots; contents guarded by lock
  const std::unique_ptr<rt::SyncSlot[]> slot_sync_;        // one per slot; guarded by lock

  std::size_t count_ WEFT_GUARDED_BY(lock) = 0;
  std::size_t recvx_ WEFT_GUARDED_BY(lock) = 0;  // next slot to receive from
  std::size_t sendx_ WEFT_GUARDED_BY(lock) = 0;  // next slot to send into
  bool closed_ WEFT_GUARDED_BY(lock) = false;
  rt::SyncSlot close_sync_ WEFT_GUARDED_BY(lock);
  WaitQueue recvq_ WEFT_GUARDED_BY(lock);
  WaitQueue sendq_ WEFT_GUARDED_BY(lock);
};

}  // namespace weft::detail

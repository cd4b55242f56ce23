// The fiber runtime's run queues: one per worker, and one shared by all.
//
// LocalRunQueue: a ring of runnable fibers owned by one worker. The owner pushes and pops at
// the back and front; an idle worker steals half from the front. A tiny spin lock guards it:
// the owner's operations are uncontended except while a thief is stealing, which is rare and
// short. `size()` reads without the lock (for the idle worker's "is there work anywhere" check).
//
// GlobalRunQueue: unbounded, intrusive (through Fiber::next), locked. Work from outside the
// workers (a timer, a plain thread, a full local ring) lands here.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>

#include "weft/rt/futex.h"

namespace weft::rt::fibers {

struct Fiber;

class SpinLock {
 public:
  void lock() noexcept {
    while (held_.exchange(true, std::memory_order_acquire)) {
      while (held_.load(std::memory_order_relaxed)) threads::cpu_relax();
    }
  }
  void unlock() noexcept { held_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> held_{false};
};

class LocalRunQueue {
 public:
  static constexpr std::size_t kCapacity = 256;

  // False when full (the caller moves work to the global queue).
  bool push(Fiber* f) noexcept {
    std::lock_guard hold(lock_);
    const std::uint32_t n = size_.load(std::memory_order_relaxed);
    if (n == kCapacity) return false;
    ring_[(head_ + n) % kCapacity] = f;
    size_.store(n + 1, std::memory_order_seq_cst);
    return true;
  }

  Fiber* pop() noexcept {
    if (size_.load(std::memory_order_relaxed) == 0) return nullptr;
    std::lock_guard hold(lock_);
    const std::uint32_t n = size_.load(std::memory_order_relaxed);
    if (n == 0) return nullptr;
    Fiber* f = ring_[head_];
    head_ = (head_ + 1) % kCapacity;
    size_.store(n - 1, std::memory_order_relaxed);
    return f;
  }

  // Moves up to half of this queue (at least one) into `out`; returns how many.
  std::size_t steal_half(Fiber** out, std::size_t max) noexcept {
    if (size_.load(std::memory_order_relaxed) == 0) return 0;
    std::lock_guard hold(lock_);
    const std::uint32_t n = size_.load(std::memory_order_relaxed);
    std::size_t take = (n + 1) / 2;
    if (take > max) take = max;
    for (std::size_t i = 0; i < take; ++i) {
      out[i] = ring_[head_];
      head_ = (head_ + 1) % kCapacity;
    }
    size_.store(static_cast<std::uint32_t>(n - take), std::memory_order_relaxed);
    return take;
  }

  std::size_t size() const noexcept { return size_.load(std::memory_order_seq_cst); }

 private:
  SpinLock lock_;
  std::uint32_t head_ = 0;  // guarded by lock_
  std::atomic<std::uint32_t> size_{0};
  std::array<Fiber*, kCapacity> ring_{};  // guarded by lock_
};

template <class Node>
class GlobalRunQueue {
 public:
  void push(Node* f) noexcept {
    f->next = nullptr;
    std::lock_guard hold(lock_);
    if (tail_ == nullptr) {
      head_ = f;
    } else {
      tail_->next = f;
    }
    tail_ = f;
    size_.store(size_.load(std::memory_order_relaxed) + 1, std::memory_order_seq_cst);
  }

  Node* pop() noexcept {
    if (size_.load(std::memory_order_relaxed) == 0) return nullptr;
    std::lock_guard hold(lock_);
    Node* f = head_;
    if (f == nullptr) return nullptr;
    head_ = f->next;
    if (head_ == nullptr) tail_ = nullptr;
    size_.store(size_.load(std::memory_order_relaxed) - 1, std::memory_order_relaxed);
    return f;
  }

  std::size_t size() const noexcept { return size_.load(std::memory_order_seq_cst); }

 private:
  SpinLock lock_;
  Node* head_ = nullptr;  // guarded by lock_
  Node* tail_ = nullptr;  // guarded by lock_
  std::atomic<std::size_t> size_{0};
};

}  // namespace weft::rt::fibers

// Footprint: what one event of a task touches, and how — the dependence relation that DPOR
// and sleep sets use.
//
// An event is one task's pending visible operation plus the task-local code that runs to its
// next visible operation (woken tasks finish their operation at once, as part of the event that
// woke them: see ModelRuntime). Two events of different tasks are DEPENDENT when they touch a
// common object in ways that do not commute; otherwise they are independent: run in either
// order from a state where both can run, they reach the same state and neither disables the
// other. Per object, by Go's semantics as weft implements them (a waker hands the value or the
// lock to the waiter before it wakes it):
//   var, atomic   reads commute; a write (store, read-modify-write) conflicts with everything
//   Mutex         two acquisitions conflict (who gets it first); a release commutes with all
//                 (it hands the lock to the first waiter: unlock-then-lock and
//                 lock-parks-then-unlock-hands-over end alike)
//   RWMutex       as Mutex; two read acquisitions commute
//   channel       two sends conflict (value order), two receives conflict (who gets which);
//                 a send and a receive commute (each completes with the other whichever comes
//                 first, FIFO); close and select conflict with everything
//   WaitGroup     adds with a positive delta conflict with dones and waits; dones commute with
//                 each other and with waits (the last one wakes the waiters either way)
//   timer queue   a firing conflicts with every start, stop and firing; starts and stops commute
//   others        (Once, Cond, try_lock, a timer's state): exclusive, conflict with everything
// Invariant: dependent() is symmetric.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "weft/rt/runtime.h"

namespace weft::harness {

enum class Effect : std::uint8_t {
  read,
  write,
  acquire,
  acquire_shared,
  release,
  send,
  recv,
  wg_up,
  wg_down,
  wg_wait,
  timer_start,
  timer_stop,
  timer_fire,
  exclusive,
};

inline constexpr int kEffects = static_cast<int>(Effect::exclusive) + 1;

bool dependent(Effect a, Effect b) noexcept;
// Whether a later event with effect `later` makes an earlier one with effect `earlier`
// useless to remember for the object: every effect that depends on the earlier one depends
// on the later one, which depends on it (so it is ordered after it).
bool covers(Effect later, Effect earlier) noexcept;

struct Touch {
  rt::ObjectId object;
  Effect effect;
};

// The timer queue, as an object no primitive can have (object ids are addresses).
inline constexpr rt::ObjectId kTimerQueue = 1;

class Footprint {
 public:
  static Footprint none() { return Footprint{}; }
  static Footprint of(const rt::Op& op);
  static Footprint timer_firing();

  void add(rt::ObjectId id, Effect effect);
  void add(const Footprint& other);
  bool independent_of(const Footprint& other) const;

  bool everything() const { return everything_; }

  class Iterator {  // yields Touch values
   public:
    Iterator(const Footprint* f, std::uint8_t i) : f_(f), i_(i) {}
    Touch operator*() const { return Touch{f_->objects_[i_], f_->effects_[i_]}; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const Footprint* f_;
    std::uint8_t i_;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, count_); }

 private:
  static constexpr std::uint8_t kMax = 8;  // more touches than this: treated as everything
  // Two arrays rather than one of Touch: a footprint is copied at every event (80 bytes).
  std::array<rt::ObjectId, kMax> objects_;  // [0, count_) are set
  std::array<Effect, kMax> effects_;
  std::uint8_t count_ = 0;
  bool everything_ = false;
};

}  // namespace weft::harness

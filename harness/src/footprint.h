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

// dependent(a, b): whether effects a and b on one object do not commute (the table above).
// covers(later, earlier): whether a later event with effect `later` makes an earlier one with
// effect `earlier` useless to remember for the object: every effect that depends on the
// earlier one depends on the later one, which depends on it (so it is ordered after it).
namespace footprint_detail {
enum class Family { var, lock, chan, wait_group, timer_queue, other };

constexpr Family family(Effect e) {
  switch (e) {
    case Effect::read:
    case Effect::write: return Family::var;
    case Effect::acquire:
    case Effect::acquire_shared:
    case Effect::release: return Family::lock;
    case Effect::send:
    case Effect::recv: return Family::chan;
    case Effect::wg_up:
    case Effect::wg_down:
    case Effect::wg_wait: return Family::wait_group;
    case Effect::timer_start:
    case Effect::timer_stop:
    case Effect::timer_fire: return Family::timer_queue;
    case Effect::exclusive: return Family::other;
  }
  return Family::other;
}

constexpr bool compute_dependent(Effect a, Effect b) {
  using E = Effect;
  if (a == E::exclusive || b == E::exclusive) return true;
  // One address used two ways (an object freed and another made there): conservative.
  if (family(a) != family(b)) return true;
  auto either = [a, b](E e) { return a == e || b == e; };
  switch (family(a)) {
    case Family::var: return either(E::write);
    case Family::lock:
      if (either(E::release)) return false;
      return either(E::acquire);  // two shared acquisitions commute
    case Family::chan: return a == b;
    case Family::wait_group: return either(E::wg_up) && !(a == E::wg_up && b == E::wg_up);
    case Family::timer_queue: return either(E::timer_fire);
    case Family::other: return true;
  }
  return true;
}

struct Tables {
  bool dependent[kEffects][kEffects];
  bool covers[kEffects][kEffects];
};

constexpr Tables make_tables() {
  Tables t{};
  for (int a = 0; a < kEffects; ++a) {
    for (int b = 0; b < kEffects; ++b) {
      t.dependent[a][b] = compute_dependent(static_cast<Effect>(a), static_cast<Effect>(b));
    }
  }
  // covers(later, earlier): every effect that depends on `earlier` depends on `later` too,
  // and `later` depends on `earlier`.
  for (int later = 0; later < kEffects; ++later) {
    for (int earlier = 0; earlier < kEffects; ++earlier) {
      bool c = t.dependent[later][earlier];
      for (int d = 0; d < kEffects && c; ++d) {
        if (t.dependent[d][earlier] && !t.dependent[d][later]) c = false;
      }
      t.covers[later][earlier] = c;
    }
  }
  return t;
}

inline constexpr Tables kTables = make_tables();
static_assert(!kTables.dependent[0][0], "two reads commute");
}  // namespace footprint_detail

// Looked up at every event several times: tables computed at compile time, inline.
inline bool dependent(Effect a, Effect b) noexcept {
  return footprint_detail::kTables.dependent[static_cast<int>(a)][static_cast<int>(b)];
}
inline bool covers(Effect later, Effect earlier) noexcept {
  return footprint_detail::kTables.covers[static_cast<int>(later)][static_cast<int>(earlier)];
}


struct Touch {
  rt::ObjectId object;
  Effect effect;
};

// The timer queue, as an object no primitive can have (object ids are addresses).
inline constexpr rt::ObjectId kTimerQueue = 1;

class Footprint {
 public:
  static Footprint none() { return Footprint{}; }
  static Footprint anything() {  // dependent with every event (what is not known)
    Footprint f;
    f.everything_ = true;
    return f;
  }
  static Footprint of(const rt::Op& op);
  static Footprint timer_firing();

  void add(rt::ObjectId id, Effect effect);
  void add(const Footprint& other);
  bool independent_of(const Footprint& other) const;
  // Gives every object touched the id name(object) (a one-to-one renaming).
  template <class Name>
  void rename(const Name& name) {
    for (std::uint8_t i = 0; i < count_; ++i) objects_[i] = name(objects_[i]);
  }

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

#include "footprint.h"

namespace weft::harness {

namespace {
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

constexpr Tables kTables = make_tables();
static_assert(!kTables.dependent[0][0], "two reads commute");
}  // namespace

bool dependent(Effect a, Effect b) noexcept {
  return kTables.dependent[static_cast<int>(a)][static_cast<int>(b)];
}

bool covers(Effect later, Effect earlier) noexcept {
  return kTables.covers[static_cast<int>(later)][static_cast<int>(earlier)];
}

void Footprint::add(rt::ObjectId id, Effect effect) {
  if (id == 0) return;  // a nil channel: the operation touches nothing (it blocks for ever)
  for (std::uint8_t i = 0; i < count_; ++i) {
    if (objects_[i] == id && effects_[i] == effect) return;
  }
  if (count_ == kMax) {
    everything_ = true;
    return;
  }
  objects_[count_] = id;
  effects_[count_] = effect;
  ++count_;
}

void Footprint::add(const Footprint& other) {
  everything_ |= other.everything_;
  for (const Touch t : other) add(t.object, t.effect);
}

Footprint Footprint::timer_firing() {
  Footprint f;
  f.add(kTimerQueue, Effect::timer_fire);
  return f;
}

Footprint Footprint::of(const rt::Op& op) {
  using K = rt::OpKind;
  Footprint f;
  Effect effect = Effect::exclusive;
  switch (op.kind) {
    case K::chan_send: effect = Effect::send; break;
    case K::chan_recv: effect = Effect::recv; break;
    case K::lock: effect = Effect::acquire; break;
    case K::rlock: effect = Effect::acquire_shared; break;
    case K::unlock:
    case K::runlock: effect = Effect::release; break;
    case K::wg_add: effect = Effect::wg_up; break;
    case K::wg_done: effect = Effect::wg_down; break;
    case K::wg_wait: effect = Effect::wg_wait; break;
    case K::var_read:
    case K::atomic_load: effect = Effect::read; break;
    case K::var_write:
    case K::atomic_store:
    case K::atomic_rmw: effect = Effect::write; break;
    case K::spawn:
    case K::task_exit: return f;  // touches nothing shared
    case K::timer_start: f.add(kTimerQueue, Effect::timer_start); break;
    case K::sleep: f.add(kTimerQueue, Effect::timer_start); break;
    case K::timer_stop: f.add(kTimerQueue, Effect::timer_stop); break;
    default: break;  // close, select, try_lock, cond, once: exclusive
  }
  if (op.objects.empty()) {
    f.add(op.object, effect);
  } else {
    for (rt::ObjectId id : op.objects) f.add(id, effect);
  }
  return f;
}

bool Footprint::independent_of(const Footprint& other) const {
  if (everything_ || other.everything_) return false;
  for (std::uint8_t i = 0; i < count_; ++i) {
    for (std::uint8_t j = 0; j < other.count_; ++j) {
      if (objects_[i] == other.objects_[j] && dependent(effects_[i], other.effects_[j])) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace weft::harness

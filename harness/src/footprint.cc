#include "footprint.h"

namespace weft::harness {

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

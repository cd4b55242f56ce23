#include "footprint.h"

namespace weft::harness {

namespace {
// The timer queue, as an object no primitive can have (object ids are addresses).
constexpr rt::ObjectId kTimerQueue = 1;
}  // namespace

void Footprint::add(rt::ObjectId id) {
  if (id == 0) return;  // a nil channel: the operation touches nothing (it blocks for ever)
  if (count_ == kMax) {
    everything_ = true;
    return;
  }
  objects_[count_++] = id;
}

Footprint Footprint::of(const rt::Op& op) {
  Footprint f;
  if (op.objects.empty()) {
    f.add(op.object);
  } else {
    for (rt::ObjectId id : op.objects) f.add(id);
  }
  switch (op.kind) {
    case rt::OpKind::timer_start:
    case rt::OpKind::timer_stop:
    case rt::OpKind::sleep:
      f.add(kTimerQueue);
      break;
    case rt::OpKind::var_read:
    case rt::OpKind::atomic_load:
      f.reads_only_ = true;
      break;
    default:
      break;
  }
  return f;
}

bool Footprint::independent_of(const Footprint& other) const {
  if (everything_ || other.everything_) return false;
  if (reads_only_ && other.reads_only_) return true;
  for (std::size_t i = 0; i < count_; ++i) {
    for (std::size_t j = 0; j < other.count_; ++j) {
      if (objects_[i] == other.objects_[j]) return false;
    }
  }
  return true;
}

}  // namespace weft::harness

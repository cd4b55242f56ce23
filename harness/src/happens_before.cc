#include "happens_before.h"

#include <algorithm>

namespace weft::harness {

void VectorClock::set(int task, std::uint32_t value) {
  const auto i = static_cast<std::size_t>(task);
  if (i >= c_.size()) c_.resize(i + 1, 0);
  c_[i] = value;
}

void VectorClock::join(const VectorClock& other) {
  if (other.c_.size() > c_.size()) c_.resize(other.c_.size(), 0);
  for (std::size_t i = 0; i < other.c_.size(); ++i) c_[i] = std::max(c_[i], other.c_[i]);
}

void HappensBefore::clear() {
  clocks_used_ = 0;
  slot_index_.clear();
  var_index_.clear();
}

int HappensBefore::new_clock(int parent) {
  const int task = static_cast<int>(clocks_used_);
  const auto i = clocks_used_++;
  if (i == clocks_.size()) clocks_.emplace_back();
  if (parent >= 0) {
    VectorClock& p = clocks_[static_cast<std::size_t>(parent)];
    clocks_[i].assign(p);
    p.set(parent, p.get(parent) + 1);
  } else {
    clocks_[i].clear();
  }
  clocks_[i].set(task, 1);
  return task;
}

void HappensBefore::release(int task, const rt::SyncSlot& slot) {
  VectorClock& t = clocks_[static_cast<std::size_t>(task)];
  bool added = false;
  const std::uint32_t i = slot_index_.index(reinterpret_cast<std::uintptr_t>(&slot), &added);
  if (i == slots_.size()) slots_.emplace_back();
  if (added) slots_[i].clear();
  slots_[i].join(t);
  t.set(task, t.get(task) + 1);
}

void HappensBefore::acquire(int task, const rt::SyncSlot& slot) {
  const std::uint32_t i = slot_index_.find(reinterpret_cast<std::uintptr_t>(&slot));
  if (i != AddressMap::kMissing) clocks_[static_cast<std::size_t>(task)].join(slots_[i]);
}

HappensBefore::VarState& HappensBefore::var(rt::ObjectId id) {
  bool added = false;
  const std::uint32_t i = var_index_.index(id, &added);
  if (i == vars_.size()) vars_.emplace_back();
  VarState& v = vars_[i];
  if (added) {
    v.last_write.reset();
    v.reads.clear();
  }
  return v;
}

std::optional<Race> HappensBefore::read(int task, rt::ObjectId var, std::source_location where) {
  VarState& v = this->var(var);
  const Access now = stamp(task, where);
  if (v.last_write && v.last_write->task != task && !ordered(*v.last_write, task)) {
    return Race{var, true, *v.last_write, false, now};
  }
  auto mine = std::find_if(v.reads.begin(), v.reads.end(),
                           [task](const Access& a) { return a.task == task; });
  if (mine != v.reads.end()) {
    *mine = now;
  } else {
    v.reads.push_back(now);
  }
  return std::nullopt;
}

std::optional<Race> HappensBefore::write(int task, rt::ObjectId var, std::source_location where) {
  VarState& v = this->var(var);
  const Access now = stamp(task, where);
  if (v.last_write && v.last_write->task != task && !ordered(*v.last_write, task)) {
    return Race{var, true, *v.last_write, true, now};
  }
  for (const Access& r : v.reads) {
    if (r.task != task && !ordered(r, task)) return Race{var, false, r, true, now};
  }
  v.last_write = now;
  v.reads.clear();
  return std::nullopt;
}

}  // namespace weft::harness

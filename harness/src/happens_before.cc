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
  clocks_.clear();
  slots_.clear();
  vars_.clear();
}

int HappensBefore::new_clock(int parent) {
  const int task = static_cast<int>(clocks_.size());
  const auto i = clocks_.size();
  clocks_.emplace_back();
  if (parent >= 0) {
    VectorClock& p = clocks_[static_cast<std::size_t>(parent)];
    clocks_[i] = p;
    p.set(parent, p.get(parent) + 1);
  }
  clocks_[i].set(task, 1);
  return task;
}

void HappensBefore::release(int task, const rt::SyncSlot& slot) {
  VectorClock& t = clocks_[static_cast<std::size_t>(task)];
  slots_[&slot].join(t);
  t.set(task, t.get(task) + 1);
}

void HappensBefore::acquire(int task, const rt::SyncSlot& slot) {
  auto it = slots_.find(&slot);
  if (it != slots_.end()) clocks_[static_cast<std::size_t>(task)].join(it->second);
}

std::optional<Race> HappensBefore::read(int task, rt::ObjectId var, std::source_location where) {
  VarState& v = vars_[var];
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
  VarState& v = vars_[var];
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

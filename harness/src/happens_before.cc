#include "happens_before.h"

#include <algorithm>

namespace weft::harness {

void HappensBefore::clear() {
  clocks_.clear();
  slots_.clear();
  var_index_.clear();
}

int HappensBefore::new_clock(int parent) {
  const std::size_t i = clocks_.rows();
  if (i >= clocks_.width()) {
    clocks_.widen(clocks_.width() * 2);
    slots_.widen(clocks_.width());
  }
  clocks_.grow_to(i + 1);
  std::uint32_t* c = clocks_.row(i);
  if (parent >= 0) {
    std::uint32_t* p = clocks_.row(static_cast<std::size_t>(parent));
    for (std::size_t k = 0; k < i; ++k) c[k] = p[k];  // components from i on are 0 in both
    ++p[parent];
  }
  c[i] = 1;
  return static_cast<int>(i);
}

void HappensBefore::release(int task, std::uint32_t slot) {
  if (slot >= slots_.rows()) slots_.grow_to(std::size_t{slot} + 1);
  std::uint32_t* t = clocks_.row(static_cast<std::size_t>(task));
  join_clock(slots_.row(slot), t, clocks_.rows());  // components past rows() are 0
  ++t[task];
}

void HappensBefore::acquire(int task, std::uint32_t slot) {
  if (slot >= slots_.rows()) return;  // never released: nothing to learn
  join_clock(clocks_.row(static_cast<std::size_t>(task)), slots_.row(slot), clocks_.rows());
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

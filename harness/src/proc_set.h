// ProcSet: a set of processes (a task's id, or the timer queue) as a bitset over slots
// (slot = process + 1, the timer queue is slot 0): no allocation below 64 slots.
// Iteration order: tasks by id, the timer queue last — the order of a node's candidates.
#pragma once

#include <cstdint>
#include <vector>

#include "strategy.h"

namespace weft::harness {

class ProcSet {
 public:
  ProcSet() = default;
  ProcSet(const ProcSet& other) : low_(other.low_) {
    if (!other.high_.empty()) high_ = other.high_;
  }
  ProcSet& operator=(const ProcSet& other) {  // copied at every new node: no vector work below 64
    low_ = other.low_;
    if (!other.high_.empty() || !high_.empty()) high_ = other.high_;
    return *this;
  }
  ProcSet(ProcSet&&) noexcept = default;
  ProcSet& operator=(ProcSet&&) noexcept = default;

  bool has(Process p) const {
    const auto s = slot(p);
    if (s < 64) return (low_ >> s & 1U) != 0;
    const auto w = s / 64 - 1;
    return w < high_.size() && (high_[w] >> (s % 64) & 1U) != 0;
  }
  void add(Process p) {
    const auto s = slot(p);
    if (s < 64) {
      low_ |= std::uint64_t{1} << s;
      return;
    }
    const auto w = s / 64 - 1;
    if (w >= high_.size()) high_.resize(w + 1, 0);
    high_[w] |= std::uint64_t{1} << (s % 64);
  }
  void add(const ProcSet& other) {
    low_ |= other.low_;
    if (other.high_.size() > high_.size()) high_.resize(other.high_.size(), 0);
    for (std::size_t i = 0; i < other.high_.size(); ++i) high_[i] |= other.high_[i];
  }
  void clear() {
    low_ = 0;
    high_.clear();
  }
  bool empty() const {
    if (low_ != 0) return false;
    for (std::uint64_t w : high_) {
      if (w != 0) return false;
    }
    return true;
  }
  template <class F>
  void for_each(F&& f) const {  // tasks by id, then the timer queue
    for (std::uint64_t bits = low_ & ~std::uint64_t{1}; bits != 0; bits &= bits - 1) {
      f(static_cast<Process>(__builtin_ctzll(bits)) - 1);
    }
    for (std::size_t w = 0; w < high_.size(); ++w) {
      for (std::uint64_t bits = high_[w]; bits != 0; bits &= bits - 1) {
        f(static_cast<Process>((w + 1) * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))) - 1);
      }
    }
    if ((low_ & 1U) != 0) f(kTimerProcess);
  }

 private:
  static std::size_t slot(Process p) { return static_cast<std::size_t>(p + 1); }
  std::uint64_t low_ = 0;
  std::vector<std::uint64_t> high_;
};

}  // namespace weft::harness

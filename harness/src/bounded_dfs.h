// BoundedDfs: depth-first over every schedule with at most `bound` preemptions (CHESS's
// preemption bounding; loom's max-preemptions). A preemption is a step that picks another
// process while the one that ran the step before could still go on. No partial-order
// reduction: the bound, not commutation, keeps the search small, and every schedule within it
// is run. Used with iterative deepening (bound 0, 1, 2, ...), so the first finding is one with
// the fewest preemptions; and to shrink a finding another strategy made.
#pragma once

#include <cstddef>
#include <vector>

#include "strategy.h"

namespace weft::harness {

class BoundedDfs final : public Decider {
 public:
  explicit BoundedDfs(std::size_t bound) : bound_(bound) {}

  void begin_execution() {
    pos_ = 0;
    previous_ = kNone;
    preemptions_ = 0;
  }
  // Whether the bound left out some schedule (if not, the search was exhaustive).
  bool limited() const { return limited_; }
  // The next schedule within the bound; false when none is left.
  bool next_execution() {
    while (!nodes_.empty()) {
      Node& n = nodes_.back();
      if (n.taken + 1 < n.allowed.size()) {
        ++n.taken;
        return true;
      }
      nodes_.pop_back();
    }
    return false;
  }

  std::optional<std::size_t> pick(std::span<const Candidate> candidates) override {
    if (pos_ == nodes_.size()) {
      Node n;
      // The process that ran last goes first (no preemption); the others only while the
      // budget allows.
      bool previous_can_go_on = false;
      for (std::size_t k = 0; k < candidates.size(); ++k) {
        if (candidates[k].process == previous_) {
          n.allowed.push_back(k);
          previous_can_go_on = true;
        }
      }
      for (std::size_t k = 0; k < candidates.size(); ++k) {
        if (candidates[k].process == previous_) continue;
        if (previous_can_go_on && preemptions_ >= bound_) {
          limited_ = true;
          continue;
        }
        n.allowed.push_back(k);
      }
      nodes_.push_back(std::move(n));
    }
    const Node& n = nodes_[pos_++];
    const std::size_t k = n.allowed[n.taken];
    if (k >= candidates.size()) return std::nullopt;  // the program did not repeat itself
    bool previous_can_go_on = false;
    for (const Candidate& c : candidates) previous_can_go_on |= c.process == previous_;
    if (previous_can_go_on && candidates[k].process != previous_) ++preemptions_;
    previous_ = candidates[k].process;
    return k;
  }

  std::size_t choose(std::size_t n) override {
    if (pos_ == nodes_.size()) {
      Node c;
      for (std::size_t k = 0; k < n; ++k) c.allowed.push_back(k);
      nodes_.push_back(std::move(c));
    }
    const Node& c = nodes_[pos_++];
    return c.allowed[c.taken] < n ? c.allowed[c.taken] : 0;
  }

 private:
  static constexpr Process kNone = -2;
  struct Node {
    std::vector<std::size_t> allowed;  // candidate indices within the bound, in order to try
    std::size_t taken = 0;             // index into allowed
  };
  const std::size_t bound_;
  std::vector<Node> nodes_;
  std::size_t pos_ = 0;
  Process previous_ = kNone;
  std::size_t preemptions_ = 0;
  bool limited_ = false;
};

}  // namespace weft::harness

// PctStrategy: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
// "A randomized scheduler with probabilistic guarantees of finding bugs", ASPLOS 2010).
//
// Each execution gives every process a random priority when it first becomes a candidate, and
// picks d - 1 change points among the first k steps (k: the longest execution seen so far).
// At each step the highest-priority candidate runs; at the i-th change point the process about
// to run drops to priority i, below every initial priority. A bug of depth d (d ordering
// constraints) in a program of n processes and k steps is found by one execution with
// probability at least 1 / (n * k^(d-1)).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "random_bits.h"
#include "strategy.h"

namespace weft::harness {

class PctStrategy final : public Decider {
 public:
  explicit PctStrategy(std::size_t depth) : depth_(depth < 1 ? 1 : depth) {}

  // A new execution, with its own priorities and change points.
  void begin_execution(std::uint64_t seed) {
    bits_.reseed(seed);
    priorities_.clear();
    step_ = 0;
    change_points_.clear();
    for (std::size_t i = 1; i < depth_; ++i) {
      change_points_.push_back(1 + static_cast<std::size_t>(next() % longest_));
    }
  }

  std::optional<std::size_t> pick(std::span<const Candidate> candidates) override {
    ++step_;
    longest_ = std::max(longest_, step_);
    std::size_t best = highest(candidates);
    for (std::size_t i = 0; i < change_points_.size(); ++i) {
      if (change_points_[i] == step_) {
        // Below every initial priority (those are >= depth_), lower for later change points.
        priority(candidates[best].process) = static_cast<std::int64_t>(depth_ - 1 - i);
        best = highest(candidates);
      }
    }
    return best;
  }
  std::size_t choose(std::size_t n) override { return static_cast<std::size_t>(next() % n); }

 private:
  std::int64_t& priority(Process p) {
    const auto s = static_cast<std::size_t>(p + 1);
    if (s >= priorities_.size()) priorities_.resize(s + 1, -1);
    if (priorities_[s] < 0) {
      priorities_[s] = static_cast<std::int64_t>(depth_ + (next() >> 2));  // >= depth_, random
    }
    return priorities_[s];
  }
  std::size_t highest(std::span<const Candidate> candidates) {
    std::size_t best = 0;
    for (std::size_t k = 1; k < candidates.size(); ++k) {
      if (priority(candidates[k].process) > priority(candidates[best].process)) best = k;
    }
    return best;
  }
  std::uint64_t next() { return bits_.next(); }

  const std::size_t depth_;
  Wyrand bits_;
  std::vector<std::int64_t> priorities_;  // by process slot; -1: not yet given
  std::vector<std::size_t> change_points_;
  std::size_t step_ = 0;
  std::size_t longest_ = 1;  // steps of the longest execution so far: k
};

}  // namespace weft::harness

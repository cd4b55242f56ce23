// ReplayStrategy: follows a Path. A path that does not fit the program (an option that the
// choice does not have, fewer or more choices than the run makes) is a mismatch, never a
// silently different run: the execution stops and mismatch() says why.
#pragma once

#include <string>

#include "path.h"
#include "strategy.h"

namespace weft::harness {

class ReplayStrategy final : public Decider {
 public:
  explicit ReplayStrategy(Path path) : path_(std::move(path)) {}

  std::optional<std::size_t> pick(std::span<const Candidate> candidates) override {
    if (!mismatch_.empty()) return std::nullopt;
    if (candidates.size() == 1) return 0;
    const std::size_t k = take(candidates.size());
    if (!mismatch_.empty()) return std::nullopt;
    return k;
  }
  std::size_t choose(std::size_t n) override { return take(n); }

  // Empty when the path fitted; call after the run.
  const std::string& mismatch() {
    if (mismatch_.empty() && pos_ < path_.taken.size()) {
      mismatch_ = "the program ended after " + std::to_string(pos_) + " of the token's " +
                  std::to_string(path_.taken.size()) + " choices";
    }
    return mismatch_;
  }

 private:
  std::size_t take(std::size_t n) {
    if (!mismatch_.empty()) return 0;
    if (pos_ >= path_.taken.size()) {
      mismatch_ = "the program makes more choices than the token's " +
                  std::to_string(path_.taken.size());
      return 0;
    }
    const std::size_t k = path_.taken[pos_];
    if (k >= n) {
      mismatch_ = "choice " + std::to_string(pos_ + 1) + " has " + std::to_string(n) +
                  " options, the token says " + std::to_string(k);
      return 0;
    }
    ++pos_;
    return k;
  }

  Path path_;
  std::size_t pos_ = 0;
  std::string mismatch_;
};

}  // namespace weft::harness

// RandomStrategy: every choice uniformly at random from a seed (wyrand: small state, good
// statistical quality, the same numbers on every platform).
#pragma once

#include <cstdint>

#include "strategy.h"

namespace weft::harness {

class RandomStrategy final : public Decider {
 public:
  explicit RandomStrategy(std::uint64_t seed) : state_(seed) {}
  void reseed(std::uint64_t seed) { state_ = seed; }

  std::optional<std::size_t> pick(std::span<const Candidate> candidates) override {
    return candidates.size() == 1 ? 0 : static_cast<std::size_t>(next() % candidates.size());
  }
  std::size_t choose(std::size_t n) override { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t next() {
    state_ += 0xa0761d6478bd642fULL;
    const __uint128_t m = static_cast<__uint128_t>(state_) * (state_ ^ 0xe7037ed1a0b428dbULL);
    return static_cast<std::uint64_t>(m >> 64) ^ static_cast<std::uint64_t>(m);
  }
  std::uint64_t state_;
};

}  // namespace weft::harness

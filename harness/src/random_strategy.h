// RandomStrategy: every choice uniformly at random from a seed (random_bits.h).
#pragma once

#include <cstdint>

#include "random_bits.h"
#include "strategy.h"

namespace weft::harness {

class RandomStrategy final : public Decider {
 public:
  explicit RandomStrategy(std::uint64_t seed) : bits_(seed) {}
  void reseed(std::uint64_t seed) { bits_.reseed(seed); }

  std::optional<std::size_t> pick(std::span<const Candidate> candidates) override {
    return candidates.size() == 1 ? 0 : below(candidates.size());
  }
  std::size_t choose(std::size_t n) override { return below(n); }

 private:
  // Uniform enough in [0, n) for n far below 2^64, with a multiply instead of a division
  // (Lemire's reduction): this runs at every event.
  std::size_t below(std::size_t n) {
    return static_cast<std::size_t>((static_cast<__uint128_t>(bits_.next()) * n) >> 64);
  }
  Wyrand bits_;
};

}  // namespace weft::harness

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
    return candidates.size() == 1 ? 0 : static_cast<std::size_t>(next() % candidates.size());
  }
  std::size_t choose(std::size_t n) override { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t next() { return bits_.next(); }
  Wyrand bits_;
};

}  // namespace weft::harness

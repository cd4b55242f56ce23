// The pseudo-random numbers the strategies draw: the same on every platform, for a seed.
#pragma once

#include <cstdint>

namespace weft::harness {

// wyrand: small state, good statistical quality.
class Wyrand {
 public:
  explicit Wyrand(std::uint64_t seed = 0) : state_(seed) {}
  void reseed(std::uint64_t seed) { state_ = seed; }
  std::uint64_t next() {
    state_ += 0xa0761d6478bd642fULL;
    const __uint128_t m = static_cast<__uint128_t>(state_) * (state_ ^ 0xe7037ed1a0b428dbULL);
    return static_cast<std::uint64_t>(m >> 64) ^ static_cast<std::uint64_t>(m);
  }

 private:
  std::uint64_t state_;
};

// splitmix64's step: well-spread seeds from consecutive numbers.
inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace weft::harness

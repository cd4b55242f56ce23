#include "schedule.h"

#include <sstream>

namespace weft::harness {

std::uint64_t Schedule::next_random() {
  // wyrand: small state, good statistical quality, and the same numbers on every platform.
  std::uint64_t& s = *random_state;
  s += 0xa0761d6478bd642fULL;
  const __uint128_t m = static_cast<__uint128_t>(s) * (s ^ 0xe7037ed1a0b428dbULL);
  return static_cast<std::uint64_t>(m >> 64) ^ static_cast<std::uint64_t>(m);
}

std::size_t Schedule::choose(std::size_t n) {
  if (pos < decisions.size()) {
    Decision& d = decisions[pos++];
    d.options = n;  // a replayed prefix meets the same choice with the same options
    return d.taken < n ? d.taken : n - 1;
  }
  const std::size_t taken = random_state ? static_cast<std::size_t>(next_random() % n) : 0;
  decisions.push_back({taken, n});
  ++pos;
  return taken;
}

std::size_t Schedule::choose(std::size_t n, const std::vector<std::uint8_t>& asleep) {
  if (pos < decisions.size()) return choose(n);
  std::size_t first_awake = 0;
  while (first_awake < n && asleep[first_awake] != 0) ++first_awake;
  if (first_awake == n) return kAllAsleep;
  decisions.push_back({first_awake, n, asleep});
  ++pos;
  return first_awake;
}

bool Schedule::backtrack() {
  while (!decisions.empty()) {
    Decision& d = decisions.back();
    std::size_t next = d.taken + 1;
    while (next < d.options && !d.asleep.empty() && d.asleep[next] != 0) ++next;
    if (next < d.options) {
      d.taken = next;
      return true;
    }
    decisions.pop_back();
  }
  return false;
}

std::string Schedule::token() const {
  std::string t;
  for (const Decision& d : decisions) {
    if (!t.empty()) t += '.';
    t += std::to_string(d.taken);
  }
  return t.empty() ? "-" : t;
}

std::optional<Schedule> Schedule::parse(const std::string& token) {
  Schedule s;
  if (token == "-") return s;
  std::istringstream in(token);
  std::string part;
  while (std::getline(in, part, '.')) {
    if (part.empty() || part.size() > 9 || part.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    s.decisions.push_back({std::stoul(part), 0});
  }
  if (s.decisions.empty() || token.back() == '.') return std::nullopt;
  return s;
}

}  // namespace weft::harness

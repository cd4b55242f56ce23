// Schedule: the choices of one execution, and the replay token that spells them.
//
// Every nondeterministic choice an execution makes (which runnable task goes next, whether a
// pending timer fires first, which ready case a select takes) is one Decision. A schedule is
// replayed from a prefix of decisions and extended past it: with option 0 (depth-first
// search) or a pseudo-random option (the random strategy). Invariant: pos <= decisions.size().
//
// Sleep sets (depth-first only): at a decision among tasks, an option whose step is asleep
// would only reorder steps already explored from an earlier sibling (Godefroid's sleep sets);
// it is never taken. A decision whose every option is asleep ends the execution early.
//
// Token: the decisions taken, dot-separated ("0.1.0.2"), or "-" for none. The same program
// and the same token give the same execution.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace weft::harness {

struct Schedule {
  struct Decision {
    std::size_t taken;
    std::size_t options;
    std::vector<std::uint8_t> asleep;  // per option (a decision among tasks); empty otherwise
  };
  static constexpr std::size_t kAllAsleep = static_cast<std::size_t>(-1);
  std::vector<Decision> decisions;
  std::size_t pos = 0;
  std::optional<std::uint64_t> random_state;  // set: choices past the prefix are random

  std::size_t choose(std::size_t n);
  // A choice among tasks; asleep marks options not to take. Returns kAllAsleep (and records
  // nothing) when every option is asleep.
  std::size_t choose(std::size_t n, const std::vector<std::uint8_t>& asleep);
  // Moves to the next schedule depth-first: the deepest decision with an awake option not
  // yet taken takes it, and the decisions after it are dropped. False when none is left.
  bool backtrack();
  std::string token() const;
  static std::optional<Schedule> parse(const std::string& token);

 private:
  std::uint64_t next_random();
};

}  // namespace weft::harness

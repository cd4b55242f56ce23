// The explorer: runs the program once per schedule under a fresh ModelRuntime.
//   - dfs: depth-first over every choice of every execution, by re-running the program with a
//     replayed prefix of choices and the next untried option at the deepest decision;
//   - random: each execution extends an empty prefix with pseudo-random choices from the seed.
// Both stop at the first finding or when a budget (executions, time) runs out.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "fiber_stack.h"
#include "model_runtime.h"
#include "schedule.h"
#include "weft/harness/explore.h"

namespace weft::harness {

namespace {

using Clock = std::chrono::steady_clock;

Report run_one(const std::function<void()>& program, Schedule& schedule, const Options& options,
               StackPool& stacks) {
  schedule.pos = 0;
  Report r;
  {
    ModelRuntime runtime(schedule, options, stacks);
    r = runtime.run(program);
  }
  // Choices past the end of a replayed prefix were made during this run; drop any left over.
  schedule.decisions.resize(schedule.pos);
  r.replay_token = schedule.token();
  return r;
}

// A progress line on stderr for long explorations, only when stderr is a terminal.
class Progress {
 public:
  explicit Progress(bool wanted) : on_(wanted && ::isatty(STDERR_FILENO) == 1) {}
  ~Progress() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
  }
  void update(std::size_t executions, std::size_t depth, Clock::time_point start) {
    if (!on_ || (executions & 63) != 0) return;
    const auto now = Clock::now();
    if (now - start < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(250)) {
      return;
    }
    last_ = now;
    shown_ = true;
    const double s = std::chrono::duration<double>(now - start).count();
    std::fprintf(stderr, "\rweft explore: %zu executions (%.0f/s), depth %zu\033[K", executions,
                 static_cast<double>(executions) / s, depth);
  }

 private:
  bool on_;
  bool shown_ = false;
  Clock::time_point last_{};
};

std::uint64_t mix(std::uint64_t x) {  // splitmix64: distinct seeds for consecutive executions
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

Report explore(const std::function<void()>& program, const Options& options) {
  const auto start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  StackPool stacks(options.stack_size);
  OverflowTrap::Scope trap;

  std::string replay = options.replay;
  if (replay.empty()) {
    if (const char* env = std::getenv("WEFT_REPLAY"); env != nullptr) replay = env;
  }
  if (!replay.empty()) {
    auto schedule = Schedule::parse(replay);
    if (!schedule) {
      throw std::invalid_argument("invalid replay token '" + replay +
                                  "': expected numbers separated by dots, or '-'");
    }
    Options exact = options;
    exact.sleep_sets = false;  // follow the token to its end, whatever was explored before
    Report r = run_one(program, *schedule, exact, stacks);
    r.executions = 1;
    r.replayed = true;
    r.strategy = options.strategy;
    r.seconds = elapsed();
    return r;
  }

  Progress progress(options.progress);
  Schedule schedule;
  std::size_t pruned = 0;
  for (std::size_t executions = 1;; ++executions) {
    if (options.strategy == Strategy::random) {
      schedule = Schedule{};
      schedule.random_state = mix(options.seed ^ mix(executions));
    }
    Report r = run_one(program, schedule, options, stacks);
    pruned += r.pruned;
    r.pruned = pruned;
    r.executions = executions;
    r.strategy = options.strategy;
    progress.update(executions, schedule.decisions.size(), start);
    if (r.verdict != Verdict::ok) {
      r.seconds = elapsed();
      return r;
    }
    bool more = true;
    if (options.strategy == Strategy::dfs) {
      more = schedule.backtrack();
      r.exhaustive = !more;
    }
    if (more && executions >= options.max_executions) {
      r.stopped_by = "max_executions";
      more = false;
    }
    if (more && options.max_time.count() > 0 && Clock::now() - start >= options.max_time) {
      r.stopped_by = "max_time";
      more = false;
    }
    if (!more) {
      r.trace.clear();
      r.replay_token.clear();
      r.seconds = elapsed();
      return r;
    }
  }
}

}  // namespace weft::harness

// The explorer: runs the program once per execution under a fresh ModelRuntime, with the
// strategy the options name:
//   - dfs: Dpor, every Mazurkiewicz trace once (dpor.h); with Options::sleep_sets off, every
//     interleaving;
//   - random: each execution makes pseudo-random choices from the seed;
//   - a replay token (Options::replay or WEFT_REPLAY): that one execution, or an error when the
//     token does not fit the program.
// Every search stops at the first finding or when a budget (executions, time) runs out.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "dpor.h"
#include "fiber_stack.h"
#include "model_runtime.h"
#include "path.h"
#include "random_strategy.h"
#include "replay_strategy.h"
#include "weft/harness/explore.h"

namespace weft::harness {

namespace {

using Clock = std::chrono::steady_clock;

struct Run {
  Report report;
  bool stopped;  // the strategy ended it early
};

// One execution on a runtime that lives for the whole search.
Run run_one(ModelRuntime& runtime, const std::function<void()>& program) {
  Run r;
  r.report = runtime.run(program);
  r.stopped = runtime.stopped();
  // The token is text: built only when someone will read it.
  if (r.report.verdict != Verdict::ok || !r.report.trace.empty()) {
    r.report.replay_token = runtime.path().token();
  }
  return r;
}

// The search records no trace (it costs more than the rest of a step): a finding's execution
// is run once more from its path, recording. The program is deterministic (Dpor relies on it
// too), so the second run is the same execution; if it is not, the finding is kept as found.
Report with_trace(Report found, const Path& path, const std::function<void()>& program,
                  const Options& options, StackPool& stacks) {
  ReplayStrategy replay(path);
  ModelRuntime runtime(replay, options, stacks);
  runtime.trace(true);
  Run again = run_one(runtime, program);
  if (again.report.verdict != found.verdict || !replay.mismatch().empty()) {
    found.message += "\n(the trace could not be recorded: running the same schedule again "
                     "gave a different execution; does the program read a clock or keep state "
                     "from one execution to the next?)";
    return found;
  }
  Report r = std::move(again.report);
  r.executions = found.executions;
  r.pruned = found.pruned;
  r.program = found.program;
  r.strategy = found.strategy;
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
    if (const char* env = std::getenv("WEFT_REPLAY"); env != nullptr) {
      // name:token is for the exploration of that name only; a bare token is for every one.
      const std::string value = env;
      const std::size_t colon = value.rfind(':');
      if (colon == std::string::npos) {
        replay = value;
      } else if (value.substr(0, colon) == options.name) {
        replay = value.substr(colon + 1);
      }
    }
  }
  if (!replay.empty()) {
    auto path = Path::parse(replay);
    if (!path) {
      throw std::invalid_argument("invalid replay token '" + replay +
                                  "': expected numbers separated by dots, or '-'");
    }
    ReplayStrategy strategy(std::move(*path));
    ModelRuntime runtime(strategy, options, stacks);
    runtime.trace(true);
    Run run = run_one(runtime, program);
    if (const std::string& why = strategy.mismatch(); !why.empty()) {
      throw std::invalid_argument("replay token '" + replay + "' does not fit this program: " +
                                  why);
    }
    Report r = std::move(run.report);
    r.program = options.name;
    r.executions = 1;
    r.replayed = true;
    r.strategy = options.strategy;
    r.seconds = elapsed();
    return r;
  }

  Progress progress(options.progress);
  Dpor dpor(options.sleep_sets);
  RandomStrategy random(0);
  Decider& strategy = options.strategy == Strategy::random ? static_cast<Decider&>(random)
                                                            : static_cast<Decider&>(dpor);
  ModelRuntime runtime(strategy, options, stacks);
  std::size_t pruned = 0;
  for (std::size_t executions = 1;; ++executions) {
    if (options.strategy == Strategy::random) {
      random.reseed(mix(options.seed ^ mix(executions)));
    } else {
      dpor.begin_execution();
    }
    Run run = run_one(runtime, program);
    Report& r = run.report;
    if (run.stopped) ++pruned;
    r.pruned = pruned;
    r.program = options.name;
    r.executions = executions;
    r.strategy = options.strategy;
    progress.update(executions, dpor.depth(), start);
    if (r.verdict != Verdict::ok) {
      r = with_trace(std::move(r), runtime.path(), program, options, stacks);
      r.seconds = elapsed();
      return r;
    }
    bool more = true;
    if (options.strategy == Strategy::dfs) {
      more = dpor.next_execution();
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

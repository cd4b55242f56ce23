// The explorer: runs the program once per execution on one ModelRuntime, with the strategy
// the options name:
//   - dfs: Dpor, every Mazurkiewicz trace once (dpor.h); with Options::sleep_sets off, every
//     interleaving; with Options::max_preemptions, BoundedDfs with bounds 0, 1, ... up to it;
//   - random: each execution makes pseudo-random choices from the seed;
//   - pct: PctStrategy, each execution with new priorities and change points from the seed;
//   - a replay token (Options::replay or WEFT_REPLAY): that one execution, or an error when the
//     token does not fit the program.
// Every search stops at the first finding or when a budget (executions, time) runs out. A
// finding is then shrunk (BoundedDfs with fewer preemptions, within a budget) and run once more
// with tracing on.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

#include "bounded_dfs.h"
#include "dpor.h"
#include "fiber_stack.h"
#include "model_runtime.h"
#include "path.h"
#include "pct_strategy.h"
#include "random_strategy.h"
#include "replay_strategy.h"
#include "weft/harness/explore.h"

namespace weft::harness {

namespace {

using Clock = std::chrono::steady_clock;

struct Run {
  Report report;
  bool stopped;  // ended early: by the strategy (redundant), or as unfair
  bool unfair;
};

// One execution on a runtime that lives for the whole search.
Run run_one(ModelRuntime& runtime, const std::function<void()>& program) {
  Run r;
  r.report = runtime.run(program);
  r.stopped = runtime.stopped() && !runtime.unfair();
  r.unfair = runtime.unfair();
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
  r.unfair = found.unfair;
  r.program = found.program;
  r.strategy = found.strategy;
  r.preemptions = runtime.preemptions();
  r.shrunk_from = found.shrunk_from;
  return r;
}

// Progress on stderr for long searches: on a terminal, one line rewritten four times a second
// after the first second; elsewhere (a CI log), a new line every five seconds.
class Progress {
 public:
  Progress(bool wanted, std::string name)
      : on_(wanted), terminal_(::isatty(STDERR_FILENO) == 1), name_(std::move(name)) {}
  ~Progress() {
    if (shown_ && terminal_) std::fprintf(stderr, "\r\033[K");
  }
  void update(std::size_t executions, std::size_t events, Clock::time_point start) {
    if (!on_ || (executions & 63) != 0) return;
    const auto now = Clock::now();
    const auto first = terminal_ ? std::chrono::seconds(1) : std::chrono::seconds(5);
    const auto every = terminal_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(5000);
    if (now - start < first || now - last_ < every) return;
    last_ = now;
    shown_ = true;
    const double s = std::chrono::duration<double>(now - start).count();
    std::fprintf(stderr, "%sweft explore%s%s: %zu executions (%.0f/s, the last of %zu steps), %.0f s%s",
                 terminal_ ? "\r" : "", name_.empty() ? "" : " ", name_.c_str(), executions,
                 static_cast<double>(executions) / s, events, s, terminal_ ? "\033[K" : "\n");
  }

 private:
  bool on_;
  bool terminal_;
  std::string name_;
  bool shown_ = false;
  Clock::time_point last_{};
};

std::uint64_t mix(std::uint64_t x) {  // splitmix64: distinct seeds for consecutive executions
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// One search: runs executions until the strategy has no more, a finding, or a budget.
class Search {
 public:
  Search(const std::function<void()>& program, const Options& options, StackPool& stacks,
         Clock::time_point start, std::size_t executions_before,
         const std::atomic<bool>* stop = nullptr)
      : program_(program), options_(options), stacks_(stacks), start_(start),
        executions_(executions_before), progress_(options.progress, options.name), stop_(stop) {}

  // Runs executions with `strategy`; before each, begin() readies it; after each, next()
  // says whether the strategy has another. Returns the last report (a finding, or ok).
  template <class Begin, class Next>
  Report run(Decider& strategy, Begin begin, Next next) {
    ModelRuntime runtime(strategy, options_, stacks_);
    for (;;) {
      begin(executions_ + 1);
      Run run = run_one(runtime, program_);
      Report& r = run.report;
      if (!strategy.counts()) {  // another shard's: neither counted nor reported
        r = Report{};
        if (next()) continue;
        r.program = options_.name;
        r.executions = executions_;
        r.pruned = pruned_;
        r.unfair = unfair_;
        r.exhaustive = true;
        return r;
      }
      ++executions_;
      if (run.stopped) ++pruned_;
      if (run.unfair) ++unfair_;
      r.pruned = pruned_;
      r.unfair = unfair_;
      r.program = options_.name;
      r.executions = executions_;
      r.strategy = options_.strategy;
      progress_.update(executions_, runtime.events(), start_);
      if (r.verdict != Verdict::ok) {
        r.preemptions = runtime.preemptions();
        path_ = runtime.path();
        return r;
      }
      const bool more = next();
      if (!more) {
        r.exhaustive = true;
        return r;
      }
      if (executions_ >= options_.max_executions) {
        r.stopped_by = "max_executions";
        return r;
      }
      if (options_.max_time.count() > 0 && Clock::now() - start_ >= options_.max_time) {
        r.stopped_by = "max_time";
        return r;
      }
      if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) {
        r.stopped_by = "another job's finding";
        return r;
      }
    }
  }
  const Path& path() const { return path_; }  // the finding's
  std::size_t executions() const { return executions_; }

 private:
  const std::function<void()>& program_;
  const Options& options_;
  StackPool& stacks_;
  Clock::time_point start_;
  std::size_t executions_;
  std::size_t pruned_ = 0;
  std::size_t unfair_ = 0;
  Progress progress_;
  const std::atomic<bool>* stop_;
  Path path_;
};

// The depth above which a sharded search branches on every candidate: enough subtrees below
// it that the shards get even shares.
std::size_t split_depth(std::size_t shards) {
  std::size_t d = 3;
  for (std::size_t n = 1; n < shards; n *= 2) ++d;
  return d;
}

// Every schedule with at most `max` preemptions, bound 0 first: the first finding has the
// fewest preemptions any finding has.
Report bounded_search(Search& search, std::size_t max) {
  Report r;
  for (std::size_t bound = 0;; ++bound) {
    BoundedDfs dfs(bound);
    r = search.run(dfs, [&](std::size_t) { dfs.begin_execution(); },
                   [&] { return dfs.next_execution(); });
    if (dfs.limited()) {
      r.exhaustive = false;  // exhausted within the bound only
      if (r.verdict == Verdict::ok && r.stopped_by.empty() && bound >= max) {
        r.stopped_by = "the preemption bound";
      }
    } else if (r.verdict == Verdict::ok) {
      return r;  // the bound never bit: that was every schedule
    }
    // Exhausted this bound (r.exhaustive: within it). The next bound runs this one's
    // schedules again too, which keeps the search simple and its count honest.
    if (r.verdict != Verdict::ok || !r.stopped_by.empty() || bound >= max) return r;
  }
}

// A finding with the same verdict and the fewest preemptions a bounded search finds (bound
// 0, 1, ... up to the finding's), and among those the fewest steps, within a budget of
// executions per bound and of steps in all (deterministic, unlike a time budget); else the
// finding as it was. `path` becomes the chosen one's.
Report shrink(Report found, Path& path, const std::function<void()>& program,
              const Options& options, StackPool& stacks) {
  constexpr std::size_t kExecutions = 2'000;  // per bound
  constexpr std::size_t kSteps = 1'000'000;   // in all
  Options quiet = options;
  quiet.progress = false;
  std::size_t steps = 0;
  for (std::size_t bound = 0; bound <= found.preemptions && steps < kSteps; ++bound) {
    BoundedDfs dfs(bound);
    ModelRuntime runtime(dfs, quiet, stacks);
    std::optional<Report> best;
    std::size_t best_steps = 0;
    for (std::size_t n = 0; n < kExecutions && steps < kSteps; ++n) {
      dfs.begin_execution();
      Report r = runtime.run(program);
      steps += runtime.events();
      if (r.verdict == found.verdict && (!best || runtime.events() < best_steps)) {
        r.preemptions = runtime.preemptions();
        best = std::move(r);
        best_steps = runtime.events();
        path = runtime.path();
      }
      if (!dfs.next_execution()) break;
    }
    if (best) {
      best->shrunk_from = found.preemptions;
      best->executions = found.executions;
      best->pruned = found.pruned;
      best->unfair = found.unfair;
      best->strategy = found.strategy;
      best->program = found.program;
      return *best;
    }
  }
  return found;
}

Report explore_here(const std::function<void()>& program, const Options& options,
                    const std::atomic<bool>* stop);

// Options::jobs > 1: the shards of this search on as many threads, merged into one report.
Report explore_in_jobs(const std::function<void()>& program, const Options& options) {
  const auto start = Clock::now();
  std::vector<Report> reports(options.jobs);
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (std::size_t j = 0; j < options.jobs; ++j) {
    threads.emplace_back([&, j] {
      Options mine = options;
      mine.jobs = 1;
      mine.shard_index = options.shard_index * options.jobs + j;
      mine.shard_count = options.shard_count * options.jobs;
      mine.progress = false;
      reports[j] = explore_here(program, mine, &stop);
      if (reports[j].verdict != Verdict::ok) stop.store(true);
    });
  }
  for (std::thread& t : threads) t.join();
  Report merged;
  std::size_t executions = 0;
  std::size_t pruned = 0;
  std::size_t unfair = 0;
  bool exhaustive = true;
  for (Report& r : reports) {
    executions += r.executions;
    pruned += r.pruned;
    unfair += r.unfair;
    exhaustive &= r.exhaustive;
    if (r.verdict != Verdict::ok && merged.verdict == Verdict::ok) merged = std::move(r);
  }
  if (merged.verdict == Verdict::ok) {
    merged = reports.front();
    for (const Report& r : reports) {
      if (!r.stopped_by.empty()) merged.stopped_by = r.stopped_by;
    }
  }
  merged.executions = executions;
  merged.pruned = pruned;
  merged.unfair = unfair;
  merged.exhaustive = merged.verdict == Verdict::ok && exhaustive;
  merged.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return merged;
}

}  // namespace

Report explore(const std::function<void()>& program, const Options& options) {
  if (options.shard_count == 0 || options.shard_index >= options.shard_count) {
    throw std::invalid_argument("shard " + std::to_string(options.shard_index) + " of " +
                                std::to_string(options.shard_count) + " does not exist");
  }
  if ((options.shard_count > 1 || options.jobs > 1) &&
      (options.strategy != Strategy::dfs || options.max_preemptions != Options::kUnbounded)) {
    throw std::invalid_argument("shards and jobs split the dfs search (without --preemptions) "
                                "only");
  }
  if (options.jobs == 0) throw std::invalid_argument("jobs must be at least 1");
  if (options.jobs > 1 && options.replay.empty() && std::getenv("WEFT_REPLAY") == nullptr) {
    return explore_in_jobs(program, options);
  }
  return explore_here(program, options, nullptr);
}

namespace {

Report explore_here(const std::function<void()>& program, const Options& options,
                    const std::atomic<bool>* stop) {
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
    r.preemptions = runtime.preemptions();
    r.executions = 1;
    r.replayed = true;
    r.strategy = options.strategy;
    r.seconds = elapsed();
    return r;
  }

  Search search(program, options, stacks, start, 0, stop);
  Report r;
  switch (options.strategy) {
    case Strategy::dfs:
      if (options.max_preemptions != Options::kUnbounded) {
        r = bounded_search(search, options.max_preemptions);
      } else {
        Dpor dpor(options.sleep_sets);
        if (options.shard_count > 1) {
          dpor.shard(options.shard_index, options.shard_count, split_depth(options.shard_count));
        }
        r = search.run(dpor, [&](std::size_t) { dpor.begin_execution(); },
                       [&] { return dpor.next_execution(); });
      }
      break;
    case Strategy::random: {
      RandomStrategy random(0);
      r = search.run(random, [&](std::size_t n) { random.reseed(mix(options.seed ^ mix(n))); },
                     [] { return true; });
      r.exhaustive = false;
      break;
    }
    case Strategy::pct: {
      PctStrategy pct(options.pct_depth);
      r = search.run(pct, [&](std::size_t n) { pct.begin_execution(mix(options.seed ^ mix(n))); },
                     [] { return true; });
      r.exhaustive = false;
      break;
    }
  }
  if (r.verdict != Verdict::ok) {
    Path path = search.path();
    if (options.shrink) r = shrink(std::move(r), path, program, options, stacks);
    r = with_trace(std::move(r), path, program, options, stacks);
  } else {
    r.trace.clear();
    r.replay_token.clear();
  }
  r.seconds = elapsed();
  return r;
}

}  // namespace

}  // namespace weft::harness

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
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bounded_dfs.h"
#include "dpor.h"
#include "fiber_stack.h"
#include "findings.h"
#include "model_runtime.h"
#include "path.h"
#include "pct_strategy.h"
#include "random_strategy.h"
#include "replay_strategy.h"
#include "search.h"
#include "weft/harness/explore.h"

namespace weft::harness {

namespace {

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
    if (search.met_try_lock()) return r;  // explore_here starts again
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

// The same search with every unlock a scheduling point: what a search that met a try_lock
// while unlocks were none runs again (Options::release_points).
Options with_release_points(Options options) {
  options.release_points = true;
  return options;
}

// `met_try_lock` is set when the search stopped because it met a try_lock while unlocks were no
// scheduling points; its caller then runs it again with_release_points.
Report explore_here(const std::function<void()>& program, const Options& options,
                    const std::atomic<bool>* stop, DporTree* shared_tree,
                    std::atomic<std::size_t>* all_jobs, std::atomic<bool>* met_try_lock);

// Options::jobs > 1: one search on as many threads, sharing its DPOR tree (dpor_tree.h), the
// reports merged into one.
Report explore_in_jobs(const std::function<void()>& program, const Options& options) {
  const auto start = Clock::now();
  std::vector<Report> reports(options.jobs);
  std::atomic<bool> stop{false};
  DporTree tree(true, options.jobs);
  std::vector<std::exception_ptr> errors(options.jobs);
  std::atomic<std::size_t> all_jobs{0};  // executions of every worker, for the progress line
  std::atomic<bool> met_try_lock{false};
  std::vector<std::thread> threads;
  for (std::size_t j = 0; j < options.jobs; ++j) {
    threads.emplace_back([&, j] {
      Options mine = options;
      mine.jobs = 1;
      mine.progress = options.progress && j == 0;  // one line for all of them
      try {
        reports[j] = explore_here(program, mine, &stop, &tree, &all_jobs, &met_try_lock);
      } catch (...) {  // rethrown on the caller's thread
        errors[j] = std::current_exception();
        stop.store(true);
      }
      if (reports[j].verdict != Verdict::ok || met_try_lock.load()) stop.store(true);
      tree.stop();  // a finding or a budget ends the search for all; its end, too
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  const bool finding = std::any_of(reports.begin(), reports.end(),
                                   [](const Report& r) { return r.verdict != Verdict::ok; });
  if (met_try_lock.load() && !finding) {  // the whole search again, every unlock a point
    Report r = explore_in_jobs(program, with_release_points(options));
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();  // both searches
    return r;
  }
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
  // Shards cannot agree to start again when one meets a try_lock: all of them take every
  // unlock as a point from the start, so they split one and the same search.
  const Options mine = options.shard_count > 1 ? with_release_points(options) : options;
  std::atomic<bool> met_try_lock{false};
  Report first = explore_here(program, mine, nullptr, nullptr, nullptr, &met_try_lock);
  if (!met_try_lock.load()) return first;
  Report all = explore_here(program, with_release_points(mine), nullptr, nullptr, nullptr,
                            &met_try_lock);
  all.seconds += first.seconds;  // both searches
  return all;
}

namespace {

Report explore_here(const std::function<void()>& program, const Options& options,
                    const std::atomic<bool>* stop, DporTree* shared_tree,
                    std::atomic<std::size_t>* all_jobs, std::atomic<bool>* met_try_lock) {
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
                                  "': expected numbers separated by dots, or '-' (after a 'p' "
                                  "if every unlock was a scheduling point)");
    }
    Options as_recorded = options;  // the token says how unlocks were scheduled
    as_recorded.release_points = path->release_points;
    ReplayStrategy strategy(std::move(*path));
    ModelRuntime runtime(strategy, as_recorded, stacks);
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

  Search search(program, options, stacks, start, 0, stop, all_jobs);
  Report r;
  switch (options.strategy) {
    case Strategy::dfs:
      if (options.max_preemptions != Options::kUnbounded) {
        r = bounded_search(search, options.max_preemptions);
      } else {
        DporTree own(false, 1);
        Dpor dpor(options.sleep_sets, shared_tree != nullptr ? *shared_tree : own);
        if (options.shard_count > 1) {
          dpor.shard(options.shard_index, options.shard_count, split_depth(options.shard_count));
        }
        if (dpor.start()) {
          r = search.run(dpor, [&](std::size_t) { dpor.begin_execution(); },
                         [&] { return dpor.next_execution(); });
        } else {  // the other workers explored everything before this one got any of it
          r.program = options.name;
          r.strategy = options.strategy;
          r.exhaustive = true;
        }
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
  if (search.met_try_lock() && r.verdict == Verdict::ok) {
    // Incomplete: an unlock was no scheduling point, and a try_lock can tell. The caller runs
    // the search again with every unlock a point.
    met_try_lock->store(true);
    r.seconds = elapsed();
    return r;
  }
  if (r.verdict != Verdict::ok) {
    Path path = search.path();
    if (options.shrink) r = shrink(std::move(r), path, program, options, stacks);
    r = with_trace(std::move(r), path, program, options, stacks);
  } else {
    r.trace.clear();
    r.steps.clear();
    r.replay_token.clear();
  }
  r.seconds = elapsed();
  return r;
}

}  // namespace

}  // namespace weft::harness

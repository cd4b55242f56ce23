// Search: one search loop for every strategy — runs executions on one ModelRuntime until the
// strategy has no more, a finding, or a budget (executions, time, another job's finding) —
// with progress on stderr for long searches.
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include "fiber_stack.h"
#include "model_runtime.h"
#include "path.h"
#include "random_bits.h"
#include "weft/harness/explore.h"

namespace weft::harness {

using Clock = std::chrono::steady_clock;

struct Run {
  Report report;
  bool stopped;  // ended early: by the strategy (redundant), or as unfair
  bool unfair;
};

// One execution on a runtime that lives for the whole search.
inline Run run_one(ModelRuntime& runtime, const std::function<void()>& program) {
  Run r{runtime.run(program), false, false};  // the report built in place: no move per execution
  r.stopped = runtime.stopped() && !runtime.unfair();
  r.unfair = runtime.unfair();
  // The token is text: built only when someone will read it.
  if (r.report.verdict != Verdict::ok || !r.report.trace.empty()) {
    r.report.replay_token = runtime.path().token();
  }
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


inline std::uint64_t mix(std::uint64_t x) { return splitmix64(x); }  // distinct seeds

// One search: runs executions until the strategy has no more, a finding, or a budget.
class Search {
 public:
  // `all_jobs`: with --jobs, every worker's executions, counted here too: each is counted
  // before it runs, so the workers together run at most options.max_executions; the progress
  // line (shown by one worker) reports them.
  Search(const std::function<void()>& program, const Options& options, StackPool& stacks,
         Clock::time_point start, std::size_t executions_before,
         const std::atomic<bool>* stop = nullptr,
         std::atomic<std::size_t>* all_jobs = nullptr)
      : program_(program), options_(options), stacks_(stacks), start_(start),
        executions_(executions_before), progress_(options.progress, options.name), stop_(stop),
        all_jobs_(all_jobs) {}

  // Runs executions with `strategy`; before each, begin() readies it; after each, next()
  // says whether the strategy has another. Returns the last report (a finding, or ok).
  template <class Begin, class Next>
  Report run(Decider& strategy, Begin begin, Next next) {
    ModelRuntime runtime(strategy, options_, stacks_);
    for (;;) {
      if (all_jobs_ != nullptr &&
          all_jobs_->fetch_add(1, std::memory_order_relaxed) >= options_.max_executions) {
        Report budget;  // the workers' executions together reached the budget
        counted(budget).stopped_by = "max_executions";
        return budget;
      }
      begin(executions_ + 1);
      Run run = run_one(runtime, program_);
      Report& r = run.report;
      met_try_lock_ |= runtime.met_try_lock();
      if (!strategy.counts()) {  // another shard's: neither counted nor reported
        if (next()) continue;
        r = Report{};
        counted(r).exhaustive = true;
        return r;
      }
      ++executions_;
      if (run.stopped) ++pruned_;
      if (run.unfair) ++unfair_;
      progress_.update(all_jobs_ != nullptr ? all_jobs_->load(std::memory_order_relaxed) : executions_,
                       runtime.events(), start_);
      if (r.verdict != Verdict::ok) {  // a finding is one whatever else the search missed
        counted(r).preemptions = runtime.preemptions();
        path_ = runtime.path();
        return r;
      }
      if (met_try_lock_) return counted(r);  // the caller starts again (release_points)
      const bool more = next();
      if (!more) {
        counted(r).exhaustive = true;
        return r;
      }
      if (all_jobs_ == nullptr && executions_ >= options_.max_executions) {
        counted(r).stopped_by = "max_executions";
        return r;
      }
      if (options_.max_time.count() > 0 && Clock::now() - start_ >= options_.max_time) {
        counted(r).stopped_by = "max_time";
        return r;
      }
      if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) {
        counted(r).stopped_by = "another job's finding";
        return r;
      }
    }
  }
  const Path& path() const { return path_; }  // the finding's
  // The search's counts go into the report it returns (not into every execution's).
  Report& counted(Report& r) const {
    r.pruned = pruned_;
    r.unfair = unfair_;
    r.program = options_.name;
    r.executions = executions_;
    r.strategy = options_.strategy;
    return r;
  }
  std::size_t executions() const { return executions_; }
  // An execution met a try_lock while unlocks were no scheduling points: the search ended
  // there, incomplete; it must be run again with Options::release_points.
  bool met_try_lock() const { return met_try_lock_; }

 private:
  const std::function<void()>& program_;
  const Options& options_;
  StackPool& stacks_;
  Clock::time_point start_;
  std::size_t executions_;
  std::size_t pruned_ = 0;
  std::size_t unfair_ = 0;
  bool met_try_lock_ = false;
  Progress progress_;
  const std::atomic<bool>* stop_;
  std::atomic<std::size_t>* all_jobs_;
  Path path_;
};

}  // namespace weft::harness

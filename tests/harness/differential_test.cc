// The reduction must be exact: on many small random programs (random_programs.h), an exhaustive
// DPOR search reaches the same set of outcomes as running every interleaving (no reduction),
// and cuts no execution short (wakeup trees) —
// with the race detector off (every weft::var access a scheduling point) and on (var accesses
// are no points: the programs are free of data races, so the synchronisation fixes them). The
// interleavings have every unlock as a scheduling point, DPOR none unless it meets a try_lock.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "random_programs.h"
#include "weft/harness/explore.h"
#include "weft/weft.h"

namespace weft::harness {
namespace {

using testing::draw;
using testing::Outcome;
using testing::Program;
using testing::run;

struct Searched {
  std::set<Outcome> outcomes;
  Report report;
};

Searched search(const Program& p, bool reduce, bool races = false, std::size_t jobs = 1) {
  Searched s;
  std::mutex outcomes_mutex;  // jobs > 1: the program runs on several threads at once
  Options o;
  o.sleep_sets = reduce;  // false: every interleaving, no reduction
  // The oracle schedules every unlock; DPOR leaves them out unless the program uses try_lock.
  o.release_points = !reduce;
  o.max_executions = reduce ? 3'000'000 : 20'000;
  o.race_detection = races;
  o.progress = false;
  o.jobs = jobs;
  s.report = explore(
      [&] {
        Outcome outcome = run(p);
        std::lock_guard<std::mutex> hold(outcomes_mutex);
        s.outcomes.insert(std::move(outcome));
      },
      o);
  return s;
}

TEST(Differential, DporReachesEveryOutcomeOfEveryInterleaving) {
  std::size_t programs = 0;
  std::size_t full_executions = 0;
  std::size_t dpor_executions = 0;
  std::size_t checked_executions = 0;  // DPOR with the race detector on
  std::size_t cut_short = 0;           // by DPOR, either way
  std::size_t outcomes = 0;
  std::size_t several = 0;  // programs with more than one outcome
  for (std::uint64_t seed = 1; several < 50 && seed < 2'000; ++seed) {
    const Program p = draw(seed);
    const Searched full = search(p, false);
    if (!full.report.exhaustive) continue;  // too big to run every interleaving: skip it
    ASSERT_EQ(full.report.verdict, Verdict::ok) << p.describe() << "\n" << full.report.to_string();
    const Searched dpor = search(p, true);
    ASSERT_EQ(dpor.report.verdict, Verdict::ok) << p.describe() << "\n" << dpor.report.to_string();
    ASSERT_TRUE(dpor.report.exhaustive) << p.describe();
    EXPECT_EQ(dpor.outcomes, full.outcomes)
        << "seed " << seed << ": " << p.describe() << "\nDPOR reached " << dpor.outcomes.size()
        << " outcomes, every interleaving " << full.outcomes.size();
    EXPECT_LE(dpor.report.executions, full.report.executions) << p.describe();
    const Searched checked = search(p, true, true);
    ASSERT_EQ(checked.report.verdict, Verdict::ok) << p.describe() << "\n" << checked.report.to_string();
    ASSERT_TRUE(checked.report.exhaustive) << p.describe();
    EXPECT_EQ(checked.outcomes, full.outcomes)
        << "seed " << seed << ": " << p.describe() << "\nDPOR with the race detector reached "
        << checked.outcomes.size() << " outcomes, every interleaving " << full.outcomes.size();
    EXPECT_LE(checked.report.executions, dpor.report.executions) << p.describe();
    // Two workers sharing the search (--jobs 2): the same outcomes, the same executions.
    const Searched shared = search(p, true, true, 2);
    ASSERT_EQ(shared.report.verdict, Verdict::ok) << p.describe() << "\n" << shared.report.to_string();
    EXPECT_EQ(shared.outcomes, full.outcomes)
        << "seed " << seed << ": " << p.describe() << "\nDPOR on 2 workers reached "
        << shared.outcomes.size() << " outcomes, every interleaving " << full.outcomes.size();
    EXPECT_EQ(shared.report.executions, checked.report.executions) << p.describe();
    checked_executions += checked.report.executions;
    cut_short += dpor.report.pruned + checked.report.pruned;
    ++programs;
    outcomes += full.outcomes.size();
    several += full.outcomes.size() > 1 ? 1 : 0;
    full_executions += full.report.executions;
    dpor_executions += dpor.report.executions;
  }
  std::printf("  %zu programs (%zu with more than one outcome, %zu outcomes in all): every "
              "interleaving %zu executions, DPOR %zu (%zu with the race detector on), %zu of "
              "them cut short\n",
              programs, several, outcomes, full_executions, dpor_executions, checked_executions,
              cut_short);
  EXPECT_GE(several, 50u) << "too few programs with several outcomes were compared";
  // One worker follows wakeup trees: no execution is started that only repeats a trace.
  EXPECT_EQ(cut_short, 0u);
}

}  // namespace
}  // namespace weft::harness

// The exactness gates (harness/gates/gates.h): an exhaustive search runs exactly one execution
// per Mazurkiewicz trace and none beyond (optimal DPOR: nothing cut short as redundant); with
// several workers (source-DPOR) exactly one per trace runs to its end and at most 1% more are
// cut short; the random strategy finds nothing on the same (correct) programs.
#include "gates.h"

#include <cstdio>
#include <functional>
#include <string>

#include "weft/harness/gtest.h"
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace weft::harness {
namespace {

struct Gate {
  const char* program;
  std::uint64_t traces;
};

Report exhaust(const char* name) {
  const Program* p = find_program(name);
  EXPECT_NE(p, nullptr) << name << " is not registered";
  if (p == nullptr) return {};
  Options o;
  o.max_executions = 10'000'000;
  o.progress = false;
  return explore(p->body, o);
}

void expect_exact(const Gate& g) {
  const Report r = exhaust(g.program);
  EXPECT_EQ(r.verdict, Verdict::ok) << g.program << "\n" << r.to_string();
  EXPECT_TRUE(r.exhaustive) << g.program;
  EXPECT_EQ(r.executions - r.pruned, g.traces) << g.program << ": executions run to the end";
  // One worker follows wakeup trees: no execution starts that a sleep set then cuts short.
  EXPECT_EQ(r.pruned, 0u) << g.program << ": executions cut short as redundant";
  std::printf("  %-20s %8zu executions (%zu cut short) in %.3f s\n", g.program, r.executions,
              r.pruned, r.seconds);
}

TEST(Gates, CounterHasOneExecutionPerOrderOfCriticalSections) {
  using gates::counter_traces;
  EXPECT_EQ(counter_traces(3, 2), 90u);
  EXPECT_EQ(counter_traces(4, 2), 2'520u);
  for (Gate g : {Gate{"counter_2x2", counter_traces(2, 2)}, Gate{"counter_3x2", 90},
                 Gate{"counter_4x2", 2'520}}) {
    expect_exact(g);
  }
}

TEST(Gates, CounterFiveByTwo) { expect_exact({"counter_5x2", 113'400}); }

TEST(Gates, CounterFourByThree) { expect_exact({"counter_4x3", 369'600}); }

TEST(Gates, AtomicIncrementsHaveNFactorialTraces) {
  expect_exact({"ainc_3", 6});
  expect_exact({"ainc_5", 120});
  expect_exact({"ainc_7", 5'040});
}

TEST(Gates, TasksOnTheirOwnVarsHaveOneTrace) { expect_exact({"own_vars_20", 1}); }

TEST(Gates, BufferedSendersHaveOneTracePerSendOrder) { expect_exact({"buffered_senders_5", 120}); }

TEST(Gates, SelectOverTwoReadyChannelsIsABranch) { expect_exact({"select_two_ready", 2}); }

TEST(Gates, TasksSpawnedByTasksKeepTheirNames) {
  // n: the parents' adds and the first child's after its parent's; m: the other children's.
  expect_exact({"spawners_2", 3});   // 3!/2 * 1!
  expect_exact({"spawners_3", 24});  // 4!/2 * 2!  (by spawn number instead: 4 cut short)
}

TEST(Gates, AnUnusedTimerAddsNoExecution) {
  const Report without = exhaust("lock_rounds_2x3");
  const Report with = exhaust("lock_rounds_after");
  EXPECT_EQ(without.executions - without.pruned, 20u);  // (2*3)! / (3!)^2
  EXPECT_EQ(with.executions - with.pruned, without.executions - without.pruned);
  EXPECT_EQ(with.pruned, 0u);
}

Report exhaust_shard(const char* name, std::size_t index, std::size_t count, std::size_t jobs) {
  Options o;
  o.max_executions = 10'000'000;
  o.progress = false;
  o.shard_index = index;
  o.shard_count = count;
  o.jobs = jobs;
  return explore(find_program(name)->body, o);
}

TEST(Gates, ShardsAddUpToTheWholeSearch) {
  for (const Gate g : {Gate{"counter_3x2", 90}, Gate{"counter_4x2", 2'520}, Gate{"ainc_5", 120},
                       Gate{"buffered_senders_5", 120}, Gate{"select_two_ready", 2}}) {
    for (std::size_t count : {2u, 3u, 5u}) {
      std::uint64_t complete = 0;
      std::size_t nonempty = 0;
      for (std::size_t i = 0; i < count; ++i) {
        const Report r = exhaust_shard(g.program, i, count, 1);
        EXPECT_EQ(r.verdict, Verdict::ok) << g.program << " shard " << i << "/" << count;
        EXPECT_TRUE(r.exhaustive) << g.program << " shard " << i << "/" << count;
        complete += r.executions - r.pruned;
        nonempty += r.executions > 0 ? 1 : 0;
      }
      EXPECT_EQ(complete, g.traces) << g.program << " over " << count << " shards";
      if (g.traces >= 90) {
        EXPECT_EQ(nonempty, count) << g.program << ": every shard has work";
      }
    }
  }
}

TEST(Gates, JobsGiveTheSameCounts) {
  // Workers share one search (dpor_tree.h): each trace runs to its end exactly once, whoever
  // runs it, and work changes hands at random moments: repeat to meet many of them.
  for (const Gate g : {Gate{"counter_4x2", 2'520}, Gate{"counter_3x2", 90}, Gate{"ainc_5", 120},
                       Gate{"buffered_senders_5", 120}, Gate{"select_two_ready", 2},
                       Gate{"lock_rounds_after", 20}, Gate{"spawners_3", 24}}) {
    for (std::size_t jobs : {2u, 3u, 4u}) {
      for (int round = 0; round < 5; ++round) {
        const Report r = exhaust_shard(g.program, 0, 1, jobs);
        ASSERT_EQ(r.verdict, Verdict::ok) << g.program << " jobs " << jobs << "\n" << r.to_string();
        EXPECT_TRUE(r.exhaustive) << g.program << " jobs " << jobs;
        EXPECT_EQ(r.executions - r.pruned, g.traces) << g.program << " jobs " << jobs;
        EXPECT_EQ(r.pruned, 0u) << g.program << " jobs " << jobs << ": cut short";
      }
    }
  }
}

TEST(Gates, JobsSplitAShardToo) {
  std::uint64_t complete = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    const Report r = exhaust_shard("counter_4x2", i, 2, 2);
    EXPECT_EQ(r.verdict, Verdict::ok) << r.to_string();
    EXPECT_TRUE(r.exhaustive);
    complete += r.executions - r.pruned;
  }
  EXPECT_EQ(complete, 2'520u);
}

TEST(Gates, JobsShareTheExecutionBudget) {
  // max_executions bounds the search, not each worker: N workers together run exactly that
  // many (each execution is counted before it runs), and the report says the budget ended it.
  for (std::size_t jobs : {1u, 2u, 3u, 4u}) {
    Options o;
    o.max_executions = 1'000;
    o.progress = false;
    o.jobs = jobs;
    const Report r = explore(find_program("counter_4x3")->body, o);
    ASSERT_EQ(r.verdict, Verdict::ok) << r.to_string();
    EXPECT_EQ(r.executions, 1'000u) << jobs << " jobs";
    EXPECT_FALSE(r.exhaustive) << jobs << " jobs";
    EXPECT_EQ(r.stopped_by, "max_executions") << jobs << " jobs";
  }
}

TEST(Gates, JobsStopAtAFinding) {
  // Two tasks add to a counter without a lock: a lost update, found whichever worker meets it.
  Options o;
  o.jobs = 2;
  o.race_detection = false;
  o.progress = false;
  o.max_executions = 1'000'000;
  const Report r = explore(
      [] {
        auto x = std::make_shared<var<int>>(0);
        auto wg = std::make_shared<WaitGroup>();
        wg->add(2);
        for (int i = 0; i < 2; ++i) {
          go([x, wg] {
            x->write(x->read() + 1);
            wg->done();
          });
        }
        wg->wait();
        check(x->read() == 2, "both increments counted");
      },
      o);
  EXPECT_EQ(r.verdict, Verdict::assertion) << r.to_string();
  EXPECT_FALSE(r.replay_token.empty());
}

TEST(Gates, RandomAndPctFindNothingInTheGates) {
  for (const char* name : {"counter_3x2", "counter_4x3", "ainc_5", "own_vars_20",
                           "buffered_senders_5", "select_two_ready", "lock_rounds_after"}) {
    const Program* p = find_program(name);
    ASSERT_NE(p, nullptr);
    for (Strategy s : {Strategy::random, Strategy::pct}) {
      Options o;
      o.strategy = s;
      o.max_executions = 2'000;
      o.progress = false;
      const Report r = explore(p->body, o);
      EXPECT_EQ(r.verdict, Verdict::ok) << name << " " << to_string(s) << "\n" << r.to_string();
      EXPECT_EQ(r.executions, 2'000u) << name;
    }
  }
}

}  // namespace
}  // namespace weft::harness

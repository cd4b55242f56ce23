// PCT, preemption bounding and shrinking: the strategies a user reaches for when a program is
// too big to explore exhaustively.
#include <cstdio>
#include <memory>

#include "abba.h"
#include "weft/harness/gtest.h"
#include "weft/weft.h"

namespace weft::harness {
namespace {

using testing::abba;

// Two tasks add 1 to a shared counter without a lock: a lost update needs one task to be
// stopped between its read and its write while the other runs — a bug of depth 2.
void lost_update() {
  auto total = std::make_shared<var<int>>(0);
  auto wg = std::make_shared<WaitGroup>();
  wg->add(2);
  for (int i = 0; i < 2; ++i) {
    go([total, wg] {
      const int seen = total->read();
      total->write(seen + 1);
      wg->done();
    });
  }
  wg->wait();
  check(total->read() == 2, "both increments counted");
}

Options pct(std::size_t depth, std::uint64_t seed, std::size_t budget) {
  Options o;
  o.strategy = Strategy::pct;
  o.pct_depth = depth;
  o.seed = seed;
  o.max_executions = budget;
  o.race_detection = false;  // the check must fail, not the race detector first
  o.progress = false;
  return o;
}

TEST(Pct, FindsADepthTwoBugWithinItsBound) {
  // 3 processes (main and two tasks) and at most 12 steps: PCT's bound says one execution
  // finds a depth-2 bug with probability >= 1 / (3 * 12). Over 20 seeds the mean number of
  // executions to the finding must stay within 1 / p = 36.
  std::size_t total = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const Report r = explore(lost_update, pct(2, seed, 1'000));
    ASSERT_EQ(r.verdict, Verdict::assertion) << "seed " << seed << "\n" << r.to_string();
    total += r.executions;
  }
  EXPECT_LE(total, 20u * 36u) << "mean executions to find a depth-2 bug";
  std::printf("  PCT depth 2: %.1f executions to the finding on average (bound 36)\n",
              static_cast<double>(total) / 20);
}

TEST(Pct, DepthOneRunsTasksToCompletionAndMissesIt) {
  // With no change point a task is never stopped between its read and its write.
  const Report r = explore(lost_update, pct(1, 7, 200));
  EXPECT_EQ(r.verdict, Verdict::ok) << r.to_string();
}

TEST(Pct, FindsNothingInACorrectProgram) {
  const Report r = explore(
      [] {
        auto mu = std::make_shared<Mutex>();
        auto total = std::make_shared<var<int>>(0);
        WaitGroup wg;
        wg.add(3);
        for (int i = 0; i < 3; ++i) {
          go([=, &wg] {
            MutexLock hold(*mu);
            total->write(total->read() + 1);
            wg.done();
          });
        }
        wg.wait();
      },
      pct(3, 1, 500));
  EXPECT_EQ(r.verdict, Verdict::ok) << r.to_string();
  EXPECT_EQ(r.executions, 500u);
}

TEST(Preemptions, BoundZeroMissesTheDeadlockBoundOneFindsIt) {
  Options zero;
  zero.max_preemptions = 0;
  const Report none = explore(abba, zero);
  EXPECT_EQ(none.verdict, Verdict::ok) << none.to_string();
  EXPECT_FALSE(none.exhaustive) << "bound 0 left schedules out";
  EXPECT_EQ(none.stopped_by, "the preemption bound") << none.to_string();
  Options two;
  two.max_preemptions = 2;
  const Report found = explore(abba, two);
  ASSERT_EQ(found.verdict, Verdict::deadlock) << found.to_string();
  EXPECT_EQ(found.preemptions, 1u) << "iterative deepening finds it at bound 1";
  EXPECT_NE(found.to_string().find("preempts a task that could go on 1 time"), std::string::npos)
      << found.to_string();
}

TEST(Preemptions, ABoundThatNeverBitesIsExhaustive) {
  Options o;
  o.max_preemptions = 50;
  const Report r = explore(lost_update, o);
  // lost_update fails; a correct program that the bound never limits is proved clean.
  const Report clean = explore(
      [] {
        auto ch = make_chan<int>(1);
        go([ch] { ch.send(1); });
        ch.recv();
      },
      o);
  EXPECT_EQ(clean.verdict, Verdict::ok);
  EXPECT_TRUE(clean.exhaustive) << clean.to_string();
  EXPECT_NE(r.verdict, Verdict::ok);
}

TEST(Shrink, RandomFindingIsShrunkToTheFewestPreemptions) {
  Options o;
  o.strategy = Strategy::random;
  o.max_executions = 10'000;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    o.seed = seed;
    o.shrink = false;
    const Report raw = explore(abba, o);
    ASSERT_EQ(raw.verdict, Verdict::deadlock);
    o.shrink = true;
    const Report shrunk = explore(abba, o);
    ASSERT_EQ(shrunk.verdict, Verdict::deadlock) << shrunk.to_string();
    EXPECT_EQ(shrunk.preemptions, 1u) << "the AB-BA deadlock needs exactly one preemption";
    EXPECT_LE(shrunk.preemptions, raw.preemptions);
    // The shrunk schedule replays to the same finding.
    Options again;
    again.replay = shrunk.replay_token;
    EXPECT_EQ(explore(abba, again).verdict, Verdict::deadlock) << shrunk.replay_token;
  }
}

}  // namespace
}  // namespace weft::harness

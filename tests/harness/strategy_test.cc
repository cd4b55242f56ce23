// Strategies, budgets and replay.
#include <cstdlib>
#include <stdexcept>
#include <memory>

#include "abba.h"
#include "weft/harness/gtest.h"
#include "weft/weft.h"

namespace weft::harness {
namespace {

using testing::abba;

// Many independent tasks: far more schedules than a small budget covers.
void wide() {
  auto wg = std::make_shared<WaitGroup>();
  auto mu = std::make_shared<Mutex>();
  for (int i = 0; i < 6; ++i) {
    wg->add(1);
    go([wg, mu] {
      for (int k = 0; k < 3; ++k) { mu->lock(); mu->unlock(); }
      wg->done();
    });
  }
  wg->wait();
}

TEST(Strategy, RandomFindsTheDeadlockAndItsTokenReplays) {
  Options o;
  o.strategy = Strategy::random;
  o.seed = 42;
  Report r = explore(abba, o);
  ASSERT_EQ(r.verdict, Verdict::deadlock) << r.to_string();
  Options replay;
  replay.replay = r.replay_token;
  EXPECT_EQ(explore(abba, replay).trace, r.trace);
}

TEST(Strategy, RandomIsDeterministicForASeed) {
  Options o;
  o.strategy = Strategy::random;
  o.seed = 7;
  EXPECT_EQ(explore(abba, o).replay_token, explore(abba, o).replay_token);
}

TEST(Strategy, ExecutionBudgetStopsTheSearch) {
  Options o;
  o.max_executions = 5;
  Report r = explore(wide, o);
  EXPECT_EQ(r.verdict, Verdict::ok);
  EXPECT_EQ(r.executions, 5u);
  EXPECT_FALSE(r.exhaustive);
  EXPECT_EQ(r.stopped_by, "max_executions");
}

TEST(Strategy, TimeBudgetStopsTheSearch) {
  Options o;
  o.max_executions = 100'000'000;
  o.max_time = std::chrono::milliseconds(200);
  Report r = explore(wide, o);
  EXPECT_EQ(r.verdict, Verdict::ok);
  EXPECT_FALSE(r.exhaustive);
  EXPECT_EQ(r.stopped_by, "max_time");
}

TEST(Replay, SameTokenSameExecutionAHundredTimes) {
  Options o;
  o.strategy = Strategy::random;
  o.seed = 3;
  const Report found = explore(abba, o);
  ASSERT_EQ(found.verdict, Verdict::deadlock);
  Options replay;
  replay.replay = found.replay_token;
  for (int i = 0; i < 100; ++i) {
    const Report again = explore(abba, replay);
    ASSERT_EQ(again.verdict, Verdict::deadlock);
    ASSERT_EQ(again.trace, found.trace) << "replay " << i;
    ASSERT_EQ(again.message, found.message);
  }
}

TEST(Replay, EnvironmentVariableReplays) {
  const Report found = explore(abba);
  ASSERT_EQ(found.verdict, Verdict::deadlock);
  ::setenv("WEFT_REPLAY", found.replay_token.c_str(), 1);
  const Report again = explore(abba);
  ::unsetenv("WEFT_REPLAY");
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.executions, 1u);
  EXPECT_EQ(again.trace, found.trace);
}

TEST(Replay, NamedTokenReplaysOnlyItsOwnProgram) {
  Options named;
  named.name = "abba";
  const Report found = explore(abba, named);
  ASSERT_EQ(found.verdict, Verdict::deadlock);
  EXPECT_NE(found.to_string().find("WEFT_REPLAY=abba:" + found.replay_token), std::string::npos)
      << found.to_string();
  ::setenv("WEFT_REPLAY", ("abba:" + found.replay_token).c_str(), 1);
  const Report again = explore(abba, named);
  Options other;
  other.name = "something_else";
  const Report elsewhere = explore(abba, other);
  ::unsetenv("WEFT_REPLAY");
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.trace, found.trace);
  EXPECT_FALSE(elsewhere.replayed) << "a token named for another program is not applied";
}

TEST(Replay, TokenThatDoesNotFitIsAnError) {
  Options o;
  o.replay = "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0";  // too many choices
  EXPECT_THROW(explore(abba, o), std::invalid_argument);
  o.replay = "7";  // an option no choice of this program has
  try {
    explore(abba, o);
    ADD_FAILURE() << "a token naming option 7 of a two-way choice was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("does not fit"), std::string::npos) << e.what();
  }
}

TEST(Report, JsonCarriesTheFinding) {
  const Report r = explore(abba);
  const std::string j = r.to_json();
  EXPECT_EQ(j.front(), '{');
  EXPECT_NE(j.find("\"verdict\":\"deadlock\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"replay_token\":\"" + r.replay_token + "\""), std::string::npos) << j;
}

TEST(Gtest, HelpersFailWithTheReport) {
  const auto wrong = finds(Verdict::race, abba);
  EXPECT_FALSE(wrong);
  EXPECT_NE(std::string(wrong.message()).find("verdict: deadlock"), std::string::npos);
  Options tiny;
  tiny.max_executions = 2;
  const auto partial = proves_clean(wide, tiny);
  EXPECT_FALSE(partial) << "a search cut short proves nothing";
  EXPECT_TRUE(explores_clean(wide, tiny));
}

}  // namespace
}  // namespace weft::harness

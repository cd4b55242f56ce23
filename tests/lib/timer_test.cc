// Timer, after_func, Ticker, tick, sleep. Timing is only ever checked from below (nothing
// fires early) or with generous bounds, never as "within N ms".
#include <gtest/gtest.h>

#include <chrono>

#include "weft/weft.h"

namespace weft {
namespace {

using namespace std::chrono_literals;

TEST(Sleep, WaitsAtLeastTheDuration) {
  const auto start = now();
  sleep(10ms);
  EXPECT_GE(now() - start, 10ms);
}

TEST(Timer, FiresOnce) {
  const auto start = now();
  Timer t(10ms);
  auto [when, ok] = t.c().recv();
  EXPECT_TRUE(ok);
  EXPECT_GE(when - start, 10ms);
  EXPECT_FALSE(t.stop()) << "already fired";
}

TEST(Timer, StopBeforeFiringMeansNoValueEver) {
  Timer t(20ms);
  EXPECT_TRUE(t.stop());
  EXPECT_FALSE(t.stop());
  const std::size_t k = select(case_recv(t.c()), case_recv(after(60ms)));
  EXPECT_EQ(k, 1u) << "a stopped timer must not deliver";
}

TEST(Timer, StopDropsAnUnreceivedValue) {
  Timer t(1ms);
  sleep(20ms);  // it has fired into its channel by now
  EXPECT_FALSE(t.stop());
  EXPECT_EQ(t.c().try_recv(), std::nullopt) << "Go 1.23: no stale value after Stop";
}

TEST(Timer, ResetRearms) {
  Timer t(1h);
  EXPECT_TRUE(t.reset(5ms));
  EXPECT_TRUE(t.c().recv().ok);
  EXPECT_FALSE(t.reset(5ms));
  EXPECT_TRUE(t.c().recv().ok);
}

TEST(AfterFunc, RunsInItsOwnTaskUnlessStopped) {
  auto ran = make_chan<int>(1);
  Timer t = after_func(5ms, [ran] { ran.send(1); });
  EXPECT_TRUE(t.c().is_nil());
  EXPECT_EQ(ran.recv().value, 1);

  auto never = make_chan<int>(1);
  Timer stopped = after_func(30ms, [never] { never.send(1); });
  EXPECT_TRUE(stopped.stop());
  sleep(60ms);
  EXPECT_EQ(never.try_recv(), std::nullopt);
}

TEST(Ticker, TicksRepeatedlyUntilStopped) {
  const auto start = now();  // before the ticker: its period counts from its construction
  Ticker ticker(5ms);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(ticker.c().recv().ok);
  EXPECT_GE(now() - start, 15ms);
  ticker.stop();
  ticker.c().try_recv();  // a tick may have landed just before stop
  const std::size_t k = select(case_recv(ticker.c()), case_recv(after(30ms)));
  EXPECT_EQ(k, 1u) << "a stopped ticker must not tick";
}

TEST(Ticker, SlowReceiverMissesTicksInsteadOfQueueingThem) {
  Ticker ticker(2ms);
  sleep(30ms);  // ~15 ticks pass while nobody receives
  EXPECT_LE(ticker.c().len(), 1u) << "missed ticks are dropped, not queued";
  // The ticker did not stall on the full channel: it keeps ticking.
  EXPECT_TRUE(ticker.c().recv().ok);
  EXPECT_TRUE(ticker.c().recv().ok);
}

TEST(Ticker, NonPositivePeriodPanics) {
  EXPECT_THROW(Ticker(0ms), panic);
}

TEST(Tick, DeliversForEver) {
  auto ticks = tick(3ms);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(ticks.recv().ok);
}

}  // namespace
}  // namespace weft

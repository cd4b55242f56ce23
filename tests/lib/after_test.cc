#include <gtest/gtest.h>

#include <chrono>

#include "weft/weft.h"

namespace weft {
namespace {

using namespace std::chrono_literals;

TEST(After, DeliversOnceNoEarlierThanAsked) {
  const auto start = now();
  auto timeout = after(15ms);
  auto [t, ok] = timeout.recv();
  EXPECT_TRUE(ok);
  EXPECT_GE(t - start, 15ms);
  EXPECT_GE(now() - start, 15ms);
  EXPECT_EQ(timeout.try_recv(), std::nullopt) << "after delivers exactly one value";
}

TEST(After, TimersFireInDeadlineOrder) {
  auto late = after(40ms);
  auto early = after(5ms);
  int first = 0;
  select(case_recv(late, [&] { first = 2; }), case_recv(early, [&] { first = 1; }));
  EXPECT_EQ(first, 1);
}

TEST(After, UnreadTimerLeaksNothing) {
  for (int i = 0; i < 100; ++i) after(1ms);  // nobody receives; each fires into its buffer
  auto last = after(5ms);
  EXPECT_TRUE(last.recv().ok);
}

}  // namespace
}  // namespace weft

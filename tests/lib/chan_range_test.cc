// Range-for receives until the channel is closed and drained.
#include <gtest/gtest.h>

#include <vector>

#include "weft/weft.h"

namespace weft {
namespace {

TEST(ChanRange, ReceivesUntilClosedAndDrained) {
  for (int capacity : {0, 3}) {
    auto ch = make_chan<int>(capacity);
    go([ch] {
      for (int i = 0; i < 10; ++i) ch.send(i);
      ch.close();
    });
    std::vector<int> got;
    for (int v : ch) got.push_back(v);
    std::vector<int> want{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    EXPECT_EQ(got, want);
  }
}

TEST(ChanRange, OverClosedEmptyChannelRunsNoIteration) {
  auto ch = make_chan<int>(1);
  ch.close();
  int iterations = 0;
  for ([[maybe_unused]] int v : ch) ++iterations;
  EXPECT_EQ(iterations, 0);
}

TEST(ChanRange, OverRecvOnlyView) {
  auto ch = make_chan<int>(4);
  ch.send(1);
  ch.send(2);
  ch.close();
  recv_only<int> view = ch;
  int sum = 0;
  for (int v : view) sum += v;
  EXPECT_EQ(sum, 3);
}

}  // namespace
}  // namespace weft

// Every cell of the channel operation x state table (lib/include/weft/chan.h), for unbuffered
// and buffered channels.
#include <gtest/gtest.h>

#include "probe.h"
#include "weft/weft.h"

namespace weft {
namespace {

using testing::expect_panic;
using testing::Probe;

class ChanTable : public ::testing::TestWithParam<int> {
 protected:
  chan<int> make() const { return make_chan<int>(GetParam()); }
};

// ---- nil ---------------------------------------------------------------------------------

TEST(ChanNil, RecvBlocksForever) {
  chan<int> nil;
  EXPECT_TRUE(nil.is_nil());
  Probe probe([nil] { return nil.recv(); });  // NOLINT(weft-nil-channel-op): under test
  EXPECT_TRUE(probe.blocked());
  EXPECT_EQ(nil.try_recv(), std::nullopt);
}

TEST(ChanNil, SendBlocksForever) {
  chan<int> nil;
  Probe probe([nil] { nil.send(1); });  // NOLINT(weft-nil-channel-op): under test
  EXPECT_TRUE(probe.blocked());
  EXPECT_FALSE(nil.try_send(1));
}

TEST(ChanNil, ClosePanics) {
  chan<int> nil;
  expect_panic([&] { nil.close(); }, "close of nil channel");
}

TEST(ChanNil, LenAndCapAreZero) {
  chan<int> nil;
  EXPECT_EQ(nil.len(), 0u);
  EXPECT_EQ(nil.cap(), 0u);
  EXPECT_TRUE(nil == nullptr);
}

TEST(ChanMake, NegativeCapacityPanics) {
  expect_panic([] { make_chan<int>(-1); }, "makechan: size out of range");
}

TEST(ChanMake, CapacityAndIdentity) {
  auto a = make_chan<int>(3);
  auto b = a;
  EXPECT_EQ(a.cap(), 3u);
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a == make_chan<int>(3));
  EXPECT_FALSE(a == nullptr);
}

// ---- open, empty ---------------------------------------------------------------------------

TEST_P(ChanTable, RecvOnEmptyBlocksUntilSend) {
  auto ch = make();
  EXPECT_EQ(ch.try_recv(), std::nullopt);
  Probe probe([ch] { return ch.recv(); });
  EXPECT_TRUE(probe.blocked());
  ch.send(7);
  auto [v, ok] = probe.result();
  EXPECT_EQ(v, 7);
  EXPECT_TRUE(ok);
}

TEST(ChanUnbuffered, SendBlocksUntilReceived) {
  auto ch = make_chan<int>();
  EXPECT_FALSE(ch.try_send(1)) << "no receiver is waiting";
  Probe probe([ch] { ch.send(5); });
  EXPECT_TRUE(probe.blocked());
  EXPECT_EQ(ch.len(), 0u);
  auto [v, ok] = ch.recv();
  EXPECT_EQ(v, 5);
  EXPECT_TRUE(ok);
  probe.wait();
}

TEST(ChanUnbuffered, TrySendSucceedsWithWaitingReceiver) {
  auto ch = make_chan<int>();
  Probe probe([ch] { return ch.recv(); });
  // Succeeds once the receiver is waiting (it may take a moment to get there under load).
  while (!ch.try_send(9)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(probe.result().value, 9);
}

// ---- open, has value / has room --------------------------------------------------------------

TEST(ChanBuffered, SendWithRoomStoresWithoutBlocking) {
  auto ch = make_chan<int>(2);
  ch.send(1);
  EXPECT_EQ(ch.len(), 1u);
  EXPECT_TRUE(ch.try_send(2));
  EXPECT_EQ(ch.len(), 2u);
}

TEST(ChanBuffered, RecvWithValueIsFifo) {
  auto ch = make_chan<int>(3);
  for (int i = 1; i <= 3; ++i) ch.send(i);
  for (int i = 1; i <= 3; ++i) {
    auto [v, ok] = ch.recv();
    EXPECT_EQ(v, i);
    EXPECT_TRUE(ok);
  }
  EXPECT_EQ(ch.try_recv(), std::nullopt);
}

// ---- open, full ------------------------------------------------------------------------------

TEST(ChanBuffered, SendOnFullBlocksUntilRoom) {
  auto ch = make_chan<int>(2);
  ch.send(1);
  ch.send(2);
  EXPECT_FALSE(ch.try_send(3));
  Probe probe([ch] { ch.send(3); });
  EXPECT_TRUE(probe.blocked());
  EXPECT_EQ(ch.recv().value, 1);
  probe.wait();
  // The blocked sender's value joined the tail: FIFO holds across the hand-off.
  EXPECT_EQ(ch.recv().value, 2);
  EXPECT_EQ(ch.recv().value, 3);
}

TEST(ChanBuffered, RecvOnFullGivesOldest) {
  auto ch = make_chan<int>(2);
  ch.send(10);
  ch.send(20);
  EXPECT_EQ(ch.recv().value, 10);
  EXPECT_EQ(ch.len(), 1u);
}

// ---- closed ----------------------------------------------------------------------------------

TEST_P(ChanTable, RecvOnClosedGivesZeroAndNotOk) {
  auto ch = make();
  ch.close();
  for (int i = 0; i < 3; ++i) {
    auto [v, ok] = ch.recv();
    EXPECT_EQ(v, 0);
    EXPECT_FALSE(ok);
  }
  auto r = ch.try_recv();
  ASSERT_TRUE(r.has_value()) << "a closed channel never blocks a receive";
  EXPECT_FALSE(r->ok);
}

TEST(ChanBuffered, RecvOnClosedDrainsBufferFirst) {
  auto ch = make_chan<int>(3);
  ch.send(1);
  ch.send(2);
  ch.close();
  EXPECT_EQ(ch.len(), 2u);
  EXPECT_EQ(ch.recv().value, 1);
  auto second = ch.recv();
  EXPECT_EQ(second.value, 2);
  EXPECT_TRUE(second.ok);
  auto drained = ch.recv();
  EXPECT_FALSE(drained.ok);
  EXPECT_EQ(drained.value, 0);
}

TEST_P(ChanTable, SendOnClosedPanics) {
  auto ch = make();
  ch.close();
  expect_panic([&] { ch.send(1); }, "send on closed channel");
  expect_panic([&] { ch.try_send(1); }, "send on closed channel");
}

TEST_P(ChanTable, CloseOfClosedPanics) {
  auto ch = make();
  ch.close();
  expect_panic([&] { ch.close(); }, "close of closed channel");
}

TEST(ChanBuffered, SendOnClosedFullChannelPanics) {
  auto ch = make_chan<int>(1);
  ch.send(1);
  ch.close();
  expect_panic([&] { ch.send(2); }, "send on closed channel");
  EXPECT_EQ(ch.recv().value, 1) << "the buffered value survives";
}

INSTANTIATE_TEST_SUITE_P(Capacities, ChanTable, ::testing::Values(0, 1, 4),
                         [](const auto& p) { return "cap" + std::to_string(p.param); });

}  // namespace
}  // namespace weft

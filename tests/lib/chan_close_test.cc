// close wakes every blocked receiver and makes every blocked sender panic.
#include <gtest/gtest.h>

#include <vector>

#include "probe.h"
#include "weft/weft.h"

namespace weft {
namespace {

using testing::Probe;

constexpr int kBlocked = 8;

TEST(ChanClose, WakesEveryBlockedReceiver) {
  for (int capacity : {0, 2}) {
    auto ch = make_chan<int>(capacity);
    std::vector<Probe<received<int>>> receivers;
    for (int i = 0; i < kBlocked; ++i) receivers.emplace_back([ch] { return ch.recv(); });
    for (auto& r : receivers) EXPECT_TRUE(r.blocked());
    ch.close();
    for (auto& r : receivers) {
      auto [v, ok] = r.result();
      EXPECT_FALSE(ok);
      EXPECT_EQ(v, 0);
    }
  }
}

TEST(ChanClose, MakesEveryBlockedSenderPanic) {
  for (int capacity : {0, 2}) {
    auto ch = make_chan<int>(capacity);
    for (int i = 0; i < capacity; ++i) ch.send(-1);  // fill the buffer
    std::vector<Probe<void>> senders;
    for (int i = 0; i < kBlocked; ++i) senders.emplace_back([ch, i] { ch.send(i); });
    for (auto& s : senders) EXPECT_TRUE(s.blocked());
    ch.close();
    for (auto& s : senders) {
      try {
        s.wait();
        ADD_FAILURE() << "a sender blocked on a channel that closes must panic";
      } catch (const panic& p) {
        EXPECT_STREQ(p.what(), "send on closed channel");
      }
    }
    // What was buffered before the close is still delivered, then the channel reads closed.
    for (int i = 0; i < capacity; ++i) EXPECT_EQ(ch.recv().value, -1);
    EXPECT_FALSE(ch.recv().ok);
  }
}

TEST(ChanClose, WakesBlockedSelects) {
  auto ch = make_chan<int>();
  auto never = make_chan<int>();
  Probe probe([ch, never] {
    bool got_ok = true;
    select(case_recv(ch, [&](int, bool ok) { got_ok = ok; }), case_recv(never));
    return got_ok;
  });
  EXPECT_TRUE(probe.blocked());
  ch.close();
  EXPECT_FALSE(probe.result());
}

}  // namespace
}  // namespace weft

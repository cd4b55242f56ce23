// select: uniform choice among ready cases, default, nil cases, closed channels, blocking,
// send cases, timeouts, and a stress run for lost or duplicated values.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

#include "probe.h"
#include "weft/weft.h"

namespace weft {
namespace {

using namespace std::chrono_literals;
using testing::Probe;

TEST(Select, ChoosesUniformlyAmongReadyCases) {
  // Both channels are always ready; each case must be taken 50% +- 3% of 10,000 selects.
  auto a = make_chan<int>(1);
  auto b = make_chan<int>(1);
  a.send(0);
  b.send(0);
  constexpr int kSelects = 10'000;
  int taken_a = 0, taken_b = 0;
  for (int i = 0; i < kSelects; ++i) {
    select(case_recv(a, [&](int v) { ++taken_a, a.send(v); }),
           case_recv(b, [&](int v) { ++taken_b, b.send(v); }));
  }
  EXPECT_EQ(taken_a + taken_b, kSelects);
  EXPECT_NEAR(taken_a, kSelects / 2, kSelects * 3 / 100);
  EXPECT_NEAR(taken_b, kSelects / 2, kSelects * 3 / 100);
}

TEST(Select, UniformAmongThreeIncludingSendCase) {
  auto a = make_chan<int>(1);
  auto b = make_chan<int>(1);
  auto room = make_chan<int>(1);
  a.send(0);
  b.send(0);
  constexpr int kSelects = 9'000;
  std::array<int, 3> taken{};
  for (int i = 0; i < kSelects; ++i) {
    const std::size_t k = select(case_recv(a, [&](int v) { a.send(v); }),
                                 case_recv(b, [&](int v) { b.send(v); }),
                                 case_send(room, 1, [&] { room.recv(); }));
    ++taken.at(k);
  }
  for (int t : taken) EXPECT_NEAR(t, kSelects / 3, kSelects * 3 / 100);
}

TEST(Select, DefaultOnlyWhenNothingIsReady) {
  auto idle = make_chan<int>();
  auto full = make_chan<int>(1);
  full.send(1);  // a send case on it is not ready
  for (int i = 0; i < 1000; ++i) {
    const std::size_t k = select(case_recv(idle), case_send(full, 2), case_default());
    ASSERT_EQ(k, 2u);
  }
  auto ready = make_chan<int>(1);
  ready.send(0);
  for (int i = 0; i < 1000; ++i) {
    const std::size_t k = select(case_default(), case_recv(ready, [&](int v) { ready.send(v); }),
                                 case_recv(idle));
    ASSERT_EQ(k, 1u) << "default must not run while a case is ready";
  }
}

TEST(Select, ClosedChannelReceiveIsAlwaysReady) {
  auto closed = make_chan<int>();
  closed.close();
  auto idle = make_chan<int>();
  for (int i = 0; i < 1000; ++i) {
    bool ok = true;
    int value = -1;
    const std::size_t k = select(case_recv(idle), case_recv(closed, [&](int v, bool o) {
                                   value = v;
                                   ok = o;
                                 }),
                                 case_default());
    ASSERT_EQ(k, 1u);
    EXPECT_FALSE(ok);
    EXPECT_EQ(value, 0);
  }
}

TEST(Select, NilCaseIsNeverReady) {
  chan<int> nil;
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(select(case_recv(nil), case_send(nil, 1), case_default()), 2u);
  }
  auto ready = make_chan<int>(1);
  ready.send(0);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(select(case_recv(nil), case_recv(ready, [&](int v) { ready.send(v); })), 1u);
  }
}

TEST(Select, OnlyNilCasesBlockForever) {
  chan<int> nil;
  // NOLINTNEXTLINE(weft-nil-channel-op): a select of nil cases only, under test
  Probe probe([nil] { return select(case_recv(nil), case_send(nil, 1)); });
  EXPECT_TRUE(probe.blocked());
  Probe empty([] { return select(); });
  EXPECT_TRUE(empty.blocked());
}

TEST(Select, BlocksUntilASendArrives) {
  auto a = make_chan<int>();
  auto b = make_chan<int>();
  Probe probe([a, b] {
    int got = 0;
    const std::size_t k = select(case_recv(a, [&](int v) { got = v; }),
                                 case_recv(b, [&](int v) { got = v * 10; }));
    return std::pair{k, got};
  });
  EXPECT_TRUE(probe.blocked());
  b.send(4);
  auto [k, got] = probe.result();
  EXPECT_EQ(k, 1u);
  EXPECT_EQ(got, 40);
  // The losing case's waiter was withdrawn: a later send on `a` finds no receiver.
  EXPECT_FALSE(a.try_send(1));
}

TEST(Select, BlockedSendCaseDeliversToLateReceiver) {
  auto out = make_chan<std::unique_ptr<int>>();
  auto idle = make_chan<int>();
  Probe probe([out, idle] { return select(case_send(out, std::make_unique<int>(8)), case_recv(idle)); });
  EXPECT_TRUE(probe.blocked());
  auto [p, ok] = out.recv();
  ASSERT_TRUE(ok);
  EXPECT_EQ(*p, 8);
  EXPECT_EQ(probe.result(), 0u);
}

TEST(Select, SendCaseOnClosedChannelPanics) {
  auto ch = make_chan<int>(1);
  ch.close();
  testing::expect_panic([&] { select(case_send(ch, 1)); }, "send on closed channel");
}

TEST(Select, BlockedSendCasePanicsWhenClosed) {
  auto ch = make_chan<int>();
  auto idle = make_chan<int>();
  Probe probe([ch, idle] { select(case_send(ch, 1), case_recv(idle)); });
  EXPECT_TRUE(probe.blocked());
  ch.close();
  testing::expect_panic([&] { probe.wait(); }, "send on closed channel");
}

TEST(Select, TimeoutWithAfter) {
  auto never = make_chan<int>();
  const auto start = now();
  const std::size_t k = select(case_recv(never), case_recv(after(20ms)));
  EXPECT_EQ(k, 1u);
  EXPECT_GE(now() - start, 20ms) << "a timer must not fire early";
}

TEST(Select, SameChannelTwiceInOneSelect) {
  auto ch = make_chan<int>(1);
  ch.send(3);
  int got = 0;
  select(case_recv(ch, [&](int v) { got = v; }), case_recv(ch, [&](int v) { got = v; }));
  EXPECT_EQ(got, 3);
}

TEST(Select, PingPongBetweenSelectingTasks) {
  // Two tasks each select over send and receive on the same pair of unbuffered channels.
  auto ping = make_chan<int>();
  auto pong = make_chan<int>();
  constexpr int kRounds = 2000;
  go([ping, pong] {
    for (int i = 0; i < kRounds; ++i) {
      int v = 0;
      select(case_recv(ping, [&](int x) { v = x; }));
      select(case_send(pong, v + 1));
    }
  });
  int v = 0;
  for (int i = 0; i < kRounds; ++i) {
    select(case_send(ping, v));
    select(case_recv(pong, [&](int x) { v = x; }));
  }
  EXPECT_EQ(v, kRounds);
}

TEST(Select, StressNoValueLostOrDuplicated) {
  // Producers send through selects over two channels; consumers receive through selects over
  // both plus a done channel. Every value must arrive exactly once.
  constexpr int kProducers = 4, kConsumers = 4, kPerProducer = 5000;
  auto a = make_chan<int>();
  auto b = make_chan<int>(8);
  auto done = make_chan<int>();
  auto totals = make_chan<long long>(kConsumers);
  auto finished = make_chan<int>(kProducers);
  for (int p = 0; p < kProducers; ++p) {
    go([=] {
      for (int i = 1; i <= kPerProducer; ++i) select(case_send(a, i), case_send(b, i));
      finished.send(1);
    });
  }
  for (int c = 0; c < kConsumers; ++c) {
    go([=] {
      long long sum = 0;
      for (bool running = true; running;) {
        select(case_recv(a, [&](int v) { sum += v; }), case_recv(b, [&](int v) { sum += v; }),
               case_recv(done, [&] { running = false; }));
      }
      // Drain what is still buffered after the producers finished.
      while (auto r = b.try_recv()) sum += r->value;
      totals.send(sum);
    });
  }
  for (int p = 0; p < kProducers; ++p) finished.recv();
  done.close();
  long long total = 0;
  for (int c = 0; c < kConsumers; ++c) total += totals.recv().value;
  EXPECT_EQ(total, 1LL * kProducers * kPerProducer * (kPerProducer + 1) / 2);
}

}  // namespace
}  // namespace weft

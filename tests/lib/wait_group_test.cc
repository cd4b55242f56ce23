#include <gtest/gtest.h>

#include "probe.h"
#include "weft/weft.h"

namespace weft {
namespace {

using testing::expect_panic;
using testing::Probe;

TEST(WaitGroup, WaitReturnsAfterEveryDone) {
  WaitGroup wg;
  atomic<int> finished{0};
  constexpr int kTasks = 50;
  wg.add(kTasks);
  for (int i = 0; i < kTasks; ++i) {
    go([&] {
      finished.fetch_add(1);
      wg.done();
    });
  }
  wg.wait();
  EXPECT_EQ(finished.load(), kTasks);
}

TEST(WaitGroup, WaitOnZeroReturnsAtOnce) {
  WaitGroup wg;
  wg.wait();
  wg.add(2);
  wg.add(-2);
  wg.wait();
}

TEST(WaitGroup, WaitBlocksUntilZeroAndWakesEveryWaiter) {
  WaitGroup wg;
  wg.add(1);
  Probe a([&wg] { wg.wait(); });
  Probe b([&wg] { wg.wait(); });
  EXPECT_TRUE(a.blocked());
  EXPECT_TRUE(b.blocked());
  wg.done();
  a.wait();
  b.wait();
}

TEST(WaitGroup, NegativeCounterPanics) {
  WaitGroup wg;
  expect_panic([&] { wg.done(); }, "sync: negative WaitGroup counter");
  wg.add(1);
  expect_panic([&] { wg.add(-2); }, "sync: negative WaitGroup counter");
  wg.done();  // the failed add left the counter at 1
  wg.wait();
}

TEST(WaitGroup, PublishesWritesToTheWaiter) {
  // Plain writes by the tasks are visible after wait (ThreadSanitizer checks the ordering).
  WaitGroup wg;
  std::vector<int> slots(16);
  for (int i = 0; i < 16; ++i) {
    wg.add(1);
    go([&, i] {
      slots[static_cast<std::size_t>(i)] = i * i;
      wg.done();
    });
  }
  wg.wait();
  for (int i = 0; i < 16; ++i) EXPECT_EQ(slots[static_cast<std::size_t>(i)], i * i);
}

TEST(WaitGroup, StressManyRoundsWithConcurrentWaiters) {
  // Each round: 4 tasks done() while 3 tasks and the test wait. A lost wake-up hangs the test;
  // a wait that returns early is caught by the count check.
  constexpr int kRounds = 300, kWorkers = 4, kWaiters = 3;
  for (int round = 0; round < kRounds; ++round) {
    WaitGroup wg;
    WaitGroup waiters_done;
    atomic<int> finished{0};
    wg.add(kWorkers);
    waiters_done.add(kWaiters);
    for (int i = 0; i < kWaiters; ++i) {
      go([&] {
        wg.wait();
        EXPECT_EQ(finished.load(), kWorkers);
        waiters_done.done();
      });
    }
    for (int i = 0; i < kWorkers; ++i) {
      go([&] {
        finished.fetch_add(1);
        wg.done();
      });
    }
    wg.wait();
    EXPECT_EQ(finished.load(), kWorkers);
    waiters_done.wait();
  }
}

TEST(WaitGroup, DeltaOutOfRangePanics) {
  WaitGroup wg;
  expect_panic([&] { wg.add(std::int64_t{1} << 40); }, "sync: WaitGroup delta out of range");
  wg.wait();  // unchanged: still zero
}

}  // namespace
}  // namespace weft

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "probe.h"
#include "weft/weft.h"

namespace weft {

struct MutexTestPeer {
  static std::size_t waiting(Mutex& mu) {
    rt::InternalLockGuard guard(mu.queue_lock_);
    return mu.waiters_.size();
  }
};

namespace {

// Waits until `n` tasks are queued on `mu` (a task may take a while to get there under load).
void wait_until_queued(Mutex& mu, std::size_t n) {
  while (MutexTestPeer::waiting(mu) < n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

using testing::expect_panic;
using testing::Probe;

TEST(Mutex, ExcludesAndCounts) {
  Mutex mu;
  long counter = 0;  // guarded by mu
  WaitGroup wg;
  constexpr int kTasks = 8, kIncrements = 20'000;
  for (int t = 0; t < kTasks; ++t) {
    wg.add(1);
    go([&] {
      for (int i = 0; i < kIncrements; ++i) {
        std::lock_guard guard(mu);
        ++counter;
      }
      wg.done();
    });
  }
  wg.wait();
  EXPECT_EQ(counter, 1L * kTasks * kIncrements);
}

TEST(Mutex, LockBlocksUntilUnlock) {
  Mutex mu;
  mu.lock();
  Probe probe([&mu] {
    mu.lock();
    mu.unlock();
  });
  wait_until_queued(mu, 1);
  EXPECT_TRUE(probe.blocked());
  EXPECT_FALSE(mu.try_lock());
  mu.unlock();
  probe.wait();
  EXPECT_TRUE(mu.try_lock());
  mu.unlock();
}

TEST(Mutex, WaitersAreServedInArrivalOrder) {
  Mutex mu;
  mu.lock();
  auto order = make_chan<int>(3);
  std::vector<Probe<void>> waiters;
  for (int i = 0; i < 3; ++i) {
    waiters.emplace_back([&mu, order, i] {
      mu.lock();
      order.send(i);  // NOLINT(weft-blocking-under-lock): the buffer has room for every send
      mu.unlock();
    });
    wait_until_queued(mu, static_cast<std::size_t>(i) + 1);  // queued before the next starts
  }
  mu.unlock();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(order.recv().value, i);
}

TEST(Mutex, UnlockOfUnlockedPanics) {
  Mutex mu;
  expect_panic([&] { mu.unlock(); }, "sync: unlock of unlocked mutex");
  mu.lock();
  mu.unlock();
  expect_panic([&] { mu.unlock(); }, "sync: unlock of unlocked mutex");
}

TEST(Mutex, IsNotReentrant) {
  Mutex mu;
  Probe probe([&mu] {
    mu.lock();
    mu.lock();  // NOLINT(weft-double-lock): the self-deadlock under test, as in Go
  });
  wait_until_queued(mu, 1);
  EXPECT_TRUE(probe.blocked());
  mu.unlock();  // as in Go, another task may unlock; the probe's second lock then succeeds
  probe.wait();
  mu.unlock();
}

TEST(Mutex, WorksWithStdLocks) {
  Mutex a, b;
  {
    std::scoped_lock both(a, b);
    EXPECT_FALSE(a.try_lock());
  }
  std::unique_lock ul(a);
  EXPECT_TRUE(ul.owns_lock());
}

}  // namespace
}  // namespace weft

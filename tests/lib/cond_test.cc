#include <gtest/gtest.h>

#include <deque>
#include <mutex>

#include "probe.h"
#include "weft/weft.h"

namespace weft {
namespace {

using testing::Probe;

TEST(Cond, SignalWakesOneWaiter) {
  Mutex mu;
  Cond cond(mu);
  int arrived = 0;  // guarded by mu
  auto woke = make_chan<int>(2);
  for (int i = 0; i < 2; ++i) {
    go([&, i] {
      mu.lock();
      ++arrived;
      cond.wait();  // enqueued before mu is released, so once `arrived` is 2 both are queued
      mu.unlock();
      woke.send(i);  // after the last touch of the test's locals
    });
  }
  for (bool both = false; !both;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::lock_guard lock(mu);
    both = arrived == 2;
  }
  cond.signal();
  woke.recv();
  std::this_thread::sleep_for(testing::kGrace);
  EXPECT_EQ(woke.len(), 0u) << "one signal must wake exactly one waiter";
  cond.signal();
  woke.recv();
}

TEST(Cond, BroadcastWakesEveryWaiter) {
  Mutex mu;
  Cond cond(mu);
  int arrived = 0;  // guarded by mu
  WaitGroup wg;
  constexpr int kWaiters = 6;
  for (int i = 0; i < kWaiters; ++i) {
    wg.add(1);
    go([&] {
      mu.lock();
      ++arrived;
      cond.wait();
      mu.unlock();
      wg.done();
    });
  }
  for (bool all = false; !all;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::lock_guard lock(mu);
    all = arrived == kWaiters;
  }
  cond.broadcast();  // one broadcast, and every queued waiter wakes
  wg.wait();
}

TEST(Cond, SignalWithNoWaiterIsLost) {
  Mutex mu;
  Cond cond(mu);
  bool waiting = false;  // guarded by mu
  cond.signal();  // nobody waits: nothing is remembered
  Probe probe([&] {
    mu.lock();
    waiting = true;
    cond.wait();  // queued before mu is released
    mu.unlock();
  });
  for (bool queued = false; !queued;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::lock_guard lock(mu);
    queued = waiting;
  }
  EXPECT_TRUE(probe.blocked()) << "the early signal must not have been remembered";
  cond.signal();
  probe.wait();
}

TEST(Cond, BoundedQueueProducerConsumer) {
  // The book's queue: producers wait while full, consumers while empty.
  Mutex mu;
  Cond changed(mu);
  std::deque<int> queue;
  constexpr std::size_t kCapacity = 2;
  constexpr int kItems = 2000;
  WaitGroup wg;
  wg.add(1);
  long sum = 0;
  go([&] {
    for (int i = 0; i < kItems; ++i) {
      std::unique_lock lock(mu);
      while (queue.empty()) changed.wait();
      sum += queue.front();
      queue.pop_front();
      changed.broadcast();
    }
    wg.done();
  });
  for (int i = 1; i <= kItems; ++i) {
    std::unique_lock lock(mu);
    while (queue.size() == kCapacity) changed.wait();
    queue.push_back(i);
    changed.broadcast();
  }
  wg.wait();
  EXPECT_EQ(sum, 1L * kItems * (kItems + 1) / 2);
}

TEST(Cond, WorksWithStdMutex) {
  std::mutex mu;
  Cond cond(mu);
  bool flag = false;
  auto done = make_chan<int>();
  go([&] {
    {
      std::unique_lock lock(mu);
      while (!flag) cond.wait();
    }
    done.close();
  });
  {
    std::lock_guard lock(mu);
    flag = true;
  }
  // The waiter may not have started waiting yet; keep signalling until it is through.
  while (select(case_recv(done), case_default()) != 0) {
    cond.broadcast();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace
}  // namespace weft

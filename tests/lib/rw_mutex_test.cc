#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <shared_mutex>

#include "probe.h"
#include "weft/weft.h"

namespace weft {

struct RWMutexTestPeer {
  static std::size_t writers_waiting(RWMutex& mu) {
    rt::InternalLockGuard guard(mu.lock_);
    return mu.waiting_writers_.size();
  }
  static std::size_t readers_waiting(RWMutex& mu) {
    rt::InternalLockGuard guard(mu.lock_);
    return mu.waiting_readers_.size();
  }
};

namespace {

template <class F>
void wait_until(F done) {
  while (!done()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

using testing::expect_panic;
using testing::Probe;

TEST(RWMutex, ManyReadersAtOnce) {
  RWMutex mu;
  mu.rlock();
  mu.rlock();  // NOLINT(weft-double-lock): no writer here; the test counts readers
  EXPECT_TRUE(mu.try_rlock());
  EXPECT_FALSE(mu.try_lock());
  mu.runlock();
  mu.runlock();
  mu.runlock();
  EXPECT_TRUE(mu.try_lock());
  EXPECT_FALSE(mu.try_rlock());
  mu.unlock();
}

TEST(RWMutex, WriterPreferenceBlocksNewReaders) {
  RWMutex mu;
  mu.rlock();                                      // reader A holds a read lock
  Probe writer([&mu] { mu.lock(); });              // W waits for A
  wait_until([&] { return RWMutexTestPeer::writers_waiting(mu) == 1; });
  EXPECT_FALSE(mu.try_rlock()) << "a waiting writer must hold back new readers";
  Probe reader([&mu] { mu.rlock(); });             // B waits behind W
  wait_until([&] { return RWMutexTestPeer::readers_waiting(mu) == 1; });
  mu.runlock();                                    // A leaves: W gets the lock, B still waits
  writer.wait();
  EXPECT_TRUE(reader.blocked());
  mu.unlock();                                     // W leaves: B is admitted
  reader.wait();
  mu.runlock();
}

TEST(RWMutex, RecursiveReadLockDeadlocksWithWaitingWriter) {
  // The bug the model checker must find: a task re-takes a read lock while a writer waits.
  RWMutex mu;
  mu.rlock();
  Probe writer([&mu] { mu.lock(); });
  wait_until([&] { return RWMutexTestPeer::writers_waiting(mu) == 1; });
  Probe second_read([&mu] { mu.rlock(); });  // stands for the same task reading again
  wait_until([&] { return RWMutexTestPeer::readers_waiting(mu) == 1; });
  EXPECT_TRUE(writer.blocked()) << "neither can proceed while the first read lock is held";
  mu.runlock();  // break the cycle so the test ends
  writer.wait();
  mu.unlock();
  second_read.wait();
  mu.runlock();
}

TEST(RWMutex, UnlockAdmitsAllWaitingReaders) {
  RWMutex mu;
  mu.lock();
  std::vector<Probe<void>> readers;
  for (int i = 0; i < 4; ++i) readers.emplace_back([&mu] { mu.rlock(); });
  for (auto& r : readers) EXPECT_TRUE(r.blocked());
  mu.unlock();
  for (auto& r : readers) r.wait();
  EXPECT_FALSE(mu.try_lock());
  for (int i = 0; i < 4; ++i) mu.runlock();
  EXPECT_TRUE(mu.try_lock());
  mu.unlock();
}

TEST(RWMutex, MisusePanics) {
  RWMutex mu;
  expect_panic([&] { mu.runlock(); }, "sync: RUnlock of unlocked RWMutex");
  expect_panic([&] { mu.unlock(); }, "sync: Unlock of unlocked RWMutex");
}

TEST(RWMutex, WorksWithStdSharedLock) {
  RWMutex mu;
  long value = 0;
  WaitGroup wg;
  for (int t = 0; t < 4; ++t) {
    wg.add(1);
    go([&, t] {
      for (int i = 0; i < 5000; ++i) {
        if ((i + t) % 4 == 0) {
          std::unique_lock w(mu);
          ++value;
        } else {
          std::shared_lock r(mu);
          EXPECT_GE(value, 0);
        }
      }
      wg.done();
    });
  }
  wg.wait();
  EXPECT_EQ(value, 5000);
}

}  // namespace
}  // namespace weft

#include <gtest/gtest.h>

#include "weft/weft.h"

namespace weft {
namespace {

TEST(Atomic, OperationsMatchStdAtomic) {
  atomic<int> a{5};
  EXPECT_EQ(a.load(), 5);
  a.store(7);
  EXPECT_EQ(a.exchange(9), 7);
  int expected = 8;
  EXPECT_FALSE(a.compare_exchange(expected, 1));
  EXPECT_EQ(expected, 9);
  EXPECT_TRUE(a.compare_exchange(expected, 1));
  EXPECT_EQ(a.fetch_add(4), 1);
  EXPECT_EQ(a.fetch_sub(2), 5);
  EXPECT_EQ(a.fetch_or(8), 3);
  EXPECT_EQ(a.fetch_and(9), 11);
  EXPECT_EQ(a.fetch_xor(1), 9);
  EXPECT_EQ(a.load(), 8);
}

TEST(Atomic, CountsAcrossTasks) {
  atomic<long> counter{0};
  WaitGroup wg;
  for (int t = 0; t < 8; ++t) {
    wg.add(1);
    go([&] {
      for (int i = 0; i < 10'000; ++i) counter.fetch_add(1);
      wg.done();
    });
  }
  wg.wait();
  EXPECT_EQ(counter.load(), 80'000);
}

TEST(Var, ReadWriteUpdate) {
  var<int> v{3};
  EXPECT_EQ(v.read(), 3);
  v.write(4);
  v.update([](int& x) { x *= 10; });
  EXPECT_EQ(v.read(), 40);
}

TEST(Var, GuardedByMutexAcrossTasks) {
  Mutex mu;
  var<int> hits;
  WaitGroup wg;
  for (int t = 0; t < 4; ++t) {
    wg.add(1);
    go([&] {
      for (int i = 0; i < 1000; ++i) {
        std::lock_guard g(mu);
        hits.update([](int& x) { ++x; });
      }
      wg.done();
    });
  }
  wg.wait();
  EXPECT_EQ(hits.read(), 4000);
}

}  // namespace
}  // namespace weft

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "weft/weft.h"

namespace weft {
namespace {

TEST(Pool, ReusesWhatWasPut) {
  int made = 0;
  Pool<std::unique_ptr<std::vector<char>>> pool([&] {
    ++made;
    return std::make_unique<std::vector<char>>(64);
  });
  auto a = pool.get();
  EXPECT_EQ(made, 1);
  auto* raw = a.get();
  pool.put(std::move(a));
  auto b = pool.get();
  EXPECT_EQ(b.get(), raw);
  EXPECT_EQ(made, 1);
}

TEST(Pool, DefaultConstructsWithoutAFunction) {
  Pool<std::vector<int>> pool;
  EXPECT_TRUE(pool.get().empty());
}

TEST(Pool, DropsBeyondItsCacheLimit) {
  int made = 0;
  Pool<int> pool([&] { return ++made; }, 1);
  pool.put(100);
  pool.put(200);  // dropped
  EXPECT_EQ(pool.get(), 100);
  EXPECT_EQ(pool.get(), 1);
}

TEST(Pool, SharedByManyTasks) {
  Pool<std::unique_ptr<int>> pool([] { return std::make_unique<int>(0); });
  WaitGroup wg;
  for (int t = 0; t < 8; ++t) {
    wg.add(1);
    go([&] {
      for (int i = 0; i < 1000; ++i) {
        auto p = pool.get();
        ++*p;
        pool.put(std::move(p));
      }
      wg.done();
    });
  }
  wg.wait();
}

}  // namespace
}  // namespace weft

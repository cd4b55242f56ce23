// A consumer's tests that explore interleavings: an unguarded counter loses an update (found),
// the guarded one never does (proved over every schedule).
#include <gtest/gtest.h>

#include <memory>

#include "weft/harness/gtest.h"
#include "weft/weft.h"

namespace {

void count(bool guarded) {
  auto mu = std::make_shared<weft::Mutex>();
  auto n = std::make_shared<weft::atomic<int>>(0);
  weft::WaitGroup wg;
  wg.add(2);
  for (int t = 0; t < 2; ++t) {
    weft::go([&wg, mu, n, guarded] {
      if (guarded) mu->lock();
      const int seen = n->load();
      n->store(seen + 1);
      if (guarded) mu->unlock();
      wg.done();
    });
  }
  wg.wait();
  weft::check(n->load() == 2, "both increments counted");
}

TEST(Orders, UnguardedCounterLosesAnUpdate) {
  EXPECT_TRUE(weft::harness::finds(weft::harness::Verdict::assertion, [] { count(false); }));
}

TEST(Orders, GuardedCounterIsProvedClean) {
  EXPECT_TRUE(weft::harness::proves_clean([] { count(true); }));
}

}  // namespace

#include <gtest/gtest.h>

#include <stdexcept>

#include "probe.h"
#include "weft/weft.h"

namespace weft {
namespace {

TEST(Once, RunsExactlyOnceAcrossTasks) {
  Once once;
  atomic<int> runs{0};
  int value = 0;  // written once, read by every caller after call() returns
  WaitGroup wg;
  for (int i = 0; i < 16; ++i) {
    wg.add(1);
    go([&] {
      once.call([&] {
        runs.fetch_add(1);
        value = 42;
      });
      EXPECT_EQ(value, 42) << "call returns only after the run finished";
      wg.done();
    });
  }
  wg.wait();
  EXPECT_EQ(runs.load(), 1);
  EXPECT_TRUE(once.done());
}

TEST(Once, CountsAsDoneEvenWhenTheFunctionThrows) {
  Once once;
  EXPECT_THROW(once.call([] { throw std::runtime_error("boom"); }), std::runtime_error);
  bool ran_again = false;
  once.call([&] { ran_again = true; });
  EXPECT_FALSE(ran_again);
}

TEST(Once, LaterCallersWaitForTheFirstRun) {
  Once once;
  auto release = make_chan<int>();
  testing::Probe first([&] { once.call([&] { release.recv(); }); });
  EXPECT_TRUE(first.blocked());
  testing::Probe second([&] { once.call([] { ADD_FAILURE() << "ran twice"; }); });
  EXPECT_TRUE(second.blocked()) << "must wait for the first run to finish";
  release.send(1);
  first.wait();
  second.wait();
}

}  // namespace
}  // namespace weft

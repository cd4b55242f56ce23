#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "weft/weft.h"

namespace weft {
namespace {

using namespace std::chrono_literals;

// Waits (bounded) until every task started by the test has returned.
bool all_tasks_exited(std::size_t baseline) {
  for (int i = 0; i < 500; ++i) {
    if (rt::threads::live_tasks() <= baseline) return true;
    std::this_thread::sleep_for(2ms);
  }
  return false;
}

void add(int a, int b, chan<int> out) { out.send(a + b); }

TEST(Go, PassesArgumentsByDecayCopy) {
  auto out = make_chan<int>();
  go(add, 2, 3, out);
  EXPECT_EQ(out.recv().value, 5);
}

TEST(Go, AcceptsMoveOnlyCallables) {
  auto out = make_chan<int>();
  auto owned = std::make_unique<int>(11);
  go([out, p = std::move(owned)] { out.send(*p); });
  EXPECT_EQ(out.recv().value, 11);
}

TEST(Go, ManyTasksAllRunAndExit) {
  const std::size_t baseline = rt::threads::live_tasks();
  constexpr int kTasks = 1000;
  auto out = make_chan<int>(kTasks);
  for (int i = 0; i < kTasks; ++i) go([out, i] { out.send(i); });
  long long sum = 0;
  for (int i = 0; i < kTasks; ++i) sum += out.recv().value;
  EXPECT_EQ(sum, 1LL * kTasks * (kTasks - 1) / 2);
  EXPECT_TRUE(all_tasks_exited(baseline));
}

TEST(Go, ThreadsAreReused) {
  // Sequential spawn-and-wait must not need a new thread each time: the pool hands tasks to
  // idle threads. Count distinct thread ids over many rounds.
  auto out = make_chan<std::thread::id>();
  std::set<std::thread::id> ids;
  for (int i = 0; i < 200; ++i) {
    go([out] { out.send(std::this_thread::get_id()); });
    ids.insert(out.recv().value);
  }
  EXPECT_LT(ids.size(), 20u);
}

TEST(GoDeathTest, PanicInTaskEndsTheProgramLikeGo) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        auto ch = make_chan<int>();
        ch.close();
        auto done = make_chan<int>();
        go([ch] { ch.send(1); });  // NOLINT(weft-send-after-close): the panic under test
        done.recv();  // blocks; the task's panic ends the process
      },
      ::testing::ExitedWithCode(2), "panic: send on closed channel");
}

}  // namespace
}  // namespace weft

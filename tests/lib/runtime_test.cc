// The production runtimes themselves: fibers sharing worker threads, hand-offs between tasks
// and plain threads, the monitor that rescues a task stuck behind a busy one, weft::blocking,
// and the choice of runtime. Every test here runs on both runtimes (ctest runs this binary with
// WEFT_RUNTIME=fibers and =threads); those about fibers only skip on threads.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "weft/weft.h"

namespace weft {
namespace {

using namespace std::chrono_literals;

bool on_fibers() { return runtime_kind() == RuntimeKind::fibers; }

TEST(Runtime, BlockedTasksShareTheWorkerThreads) {
  if (!on_fibers()) GTEST_SKIP() << "fiber runtime only";
  constexpr int kTasks = 2000;
  auto gate = make_chan<int>();
  auto seen = make_chan<std::thread::id>(kTasks);
  for (int i = 0; i < kTasks; ++i) {
    go([gate, seen] {
      seen.send(std::this_thread::get_id());
      gate.recv();  // all kTasks are blocked at once here
    });
  }
  std::set<std::thread::id> threads;
  for (int i = 0; i < kTasks; ++i) threads.insert(seen.recv().value);
  gate.close();
  EXPECT_LE(threads.size(), runtime_procs());
  EXPECT_GE(threads.size(), 1u);
}

TEST(Runtime, PlainThreadAndTaskHandOffBothWays) {
  auto to_task = make_chan<int>();
  auto to_thread = make_chan<int>();
  go([=] {
    for (int v : to_task) to_thread.send(v + 1);
    to_thread.close();
  });
  std::thread plain([=] {
    for (int i = 0; i < 1000; ++i) to_task.send(i);
    to_task.close();
  });
  long long sum = 0;
  for (int v : to_thread) sum += v;
  plain.join();
  EXPECT_EQ(sum, 1000LL * 999 / 2 + 1000);
}

TEST(Runtime, TaskWaitingBehindABusyTaskStillRuns) {
  // A task started by a task waits in its starter's run-next slot; the starter then computes
  // without any weft operation. With a second worker, the monitor must give the waiting task to
  // it (with one worker nothing can: tasks are not preempted, as documented).
  if (on_fibers() && runtime_procs() < 2) GTEST_SKIP() << "needs two workers";
  auto released = std::make_shared<std::atomic<bool>>(false);
  auto done = make_chan<int>(1);
  go([released, done] {
    go([released] { released->store(true); });
    const auto give_up = std::chrono::steady_clock::now() + 10s;
    while (!released->load() && std::chrono::steady_clock::now() < give_up) {
    }
    done.send(released->load() ? 1 : 0);
  });
  EXPECT_EQ(done.recv().value, 1);
}

TEST(Runtime, ManyTasksOnFewWorkersAllFinish) {
  constexpr int kTasks = 20000;
  WaitGroup wg;
  std::atomic<int> ran{0};
  wg.add(kTasks);
  for (int i = 0; i < kTasks; ++i) {
    go([&] {
      ran.fetch_add(1);
      wg.done();
    });
  }
  wg.wait();
  EXPECT_EQ(ran.load(), kTasks);
}

TEST(Runtime, BlockingCallDoesNotStallOtherTasks) {
  // One task blocks its thread in a std::condition_variable wait that only another task can
  // end. With one worker and no weft::blocking this would hang; with it, it finishes.
  std::mutex mu;
  std::condition_variable cv;
  bool ready = false;
  auto result = make_chan<int>(1);
  WaitGroup both;  // cv and mu must outlive every use of them
  both.add(2);
  go([&, result] {
    const int v = blocking([&] {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return ready; });
      return 42;
    });
    result.send(v);
    both.done();
  });
  go([&] {
    {
      std::lock_guard lock(mu);
      ready = true;
    }
    cv.notify_all();
    both.done();
  });
  EXPECT_EQ(result.recv().value, 42);
  both.wait();
}

TEST(Runtime, BlockingRethrowsInTheTask) {
  auto result = make_chan<std::string>(1);
  go([result] {
    try {
      blocking([]() -> int { throw std::runtime_error("disk on fire"); });
      result.send("no exception");
    } catch (const std::runtime_error& e) {
      result.send(e.what());
    }
  });
  EXPECT_EQ(result.recv().value, "disk on fire");
}

TEST(Runtime, BlockingOnAPlainThreadCallsDirectly) {
  const auto caller = std::this_thread::get_id();
  std::thread::id ran_on;
  int& r = blocking([&]() -> int& {
    ran_on = std::this_thread::get_id();
    static int x = 7;
    return x;
  });
  EXPECT_EQ(r, 7);
  EXPECT_EQ(ran_on, caller);
}

TEST(Runtime, RunReturnsTheTasksResultAndRethrows) {
  const int v = run([] {
    auto ch = make_chan<int>();
    go([ch] { ch.send(41); });
    return ch.recv().value + 1;
  });
  EXPECT_EQ(v, 42);
  EXPECT_THROW(run([] { throw std::runtime_error("in main"); }), std::runtime_error);
  if (on_fibers()) {
    bool on_fiber_thread = false;
    const auto caller = std::this_thread::get_id();
    run([&] { on_fiber_thread = std::this_thread::get_id() != caller; });
    EXPECT_TRUE(on_fiber_thread);
  }
}

TEST(Runtime, ChoiceIsFixedOnceTasksRun) {
  go([] {});
  EXPECT_FALSE(use_runtime(RuntimeKind::threads));
  EXPECT_FALSE(use_runtime(RuntimeKind::fibers));
}

TEST(RuntimeDeathTest, MalformedEnvironmentIsAnError) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        ::setenv("WEFT_RUNTIME", "goroutines", 1);
        go([] {});
      },
      ::testing::ExitedWithCode(2), "WEFT_RUNTIME=goroutines is not valid");
  EXPECT_EXIT(
      {
        ::setenv("WEFT_RUNTIME", "fibers", 1);
        ::setenv("WEFT_PROCS", "many", 1);
        go([] {});
      },
      ::testing::ExitedWithCode(2), "WEFT_PROCS=many is not valid");
}

TEST(RuntimeDeathTest, PanicInAFiberTaskEndsTheProgram) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        auto never = make_chan<int>();
        go([] { throw panic("boom"); });
        never.recv();
      },
      ::testing::ExitedWithCode(2), "panic: boom");
}

TEST(RuntimeDeathTest, DeadlockIsReportedWithEachWaitSite) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        auto never = make_chan<int>();
        auto also_never = make_chan<int>();
        go([also_never] { also_never.recv(); });
        never.send(1);
      },
      ::testing::ExitedWithCode(2),
      "deadlock: every task is blocked, 2 blocked for ever:\n"
      "(.|\n)*waits in send at .*runtime_test.cc(.|\n)*"
      "task \\(started at .*runtime_test.cc:[0-9]+\\) waits in recv at .*runtime_test.cc");
}

// Two tasks take two mutexes in opposite orders while main waits for both.
void lock_order_inversion() {
  Mutex a;
  Mutex b;
  WaitGroup wg;
  wg.add(2);
  auto a_held = make_chan<int>(1);
  auto b_held = make_chan<int>(1);
  go([&] {
    a.lock();
    a_held.send(1);  // NOLINT(weft-blocking-under-lock): the deadlock under test
    b_held.recv();   // NOLINT(weft-blocking-under-lock): the deadlock under test
    b.lock();
    wg.done();
  });
  go([&] {
    b.lock();
    b_held.send(1);  // NOLINT(weft-blocking-under-lock): the deadlock under test
    a_held.recv();   // NOLINT(weft-blocking-under-lock): the deadlock under test
    a.lock();        // NOLINT(weft-lock-order-inversion): the deadlock under test
    wg.done();
  });
  wg.wait();
}

TEST(RuntimeDeathTest, DeadlockAmongTasksWhileMainWaitsOnAWaitGroup) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(lock_order_inversion(), ::testing::ExitedWithCode(2),
              "deadlock(.|\\n)*waits in wg-wait(.|\\n)*waits in lock(.|\\n)*waits in lock");
}

// Not deadlocks: a thread weft does not know may still wake the blocked, and so may a timer.
TEST(Runtime, AForeignThreadMayStillWakeTheBlocked) {
  auto in = make_chan<int>();
  auto out = make_chan<int>();
  go([in, out] { out.send(in.recv().value + 1); });  // waits for the foreign thread, answers
  std::thread foreign([in] {
    std::this_thread::sleep_for(150ms);  // long enough for the watch to look several times
    in.send(1);
  });
  // Main and the task now both wait; only `foreign` can go on, and nothing may be reported.
  auto answer = out.recv();
  foreign.join();
  EXPECT_EQ(answer.value, 2);
}

TEST(Runtime, APendingTimerMayStillWakeTheBlocked) {
  auto done = make_chan<int>();
  go([done] {
    weft::sleep(150ms);
    done.close();
  });
  done.recv();  // everything waits on the timer meanwhile
  SUCCEED();
}

}  // namespace
}  // namespace weft

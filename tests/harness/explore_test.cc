// The model checker on small programs whose verdict is known, including bugs that show up in
// only some interleavings.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <set>
#include <string>

#include "weft/harness/explore.h"
#include "weft/harness/gtest.h"
#include "weft/weft.h"

namespace weft::harness {
namespace {

using namespace std::chrono_literals;

TEST(Explore, CorrectPingPongIsOkInEverySchedule) {
  Report r = explore([] {
    auto ping = make_chan<int>();
    auto pong = make_chan<int>();
    go([=] {
      for (int v : ping) pong.send(v + 1);
    });
    for (int i = 0; i < 2; ++i) {
      ping.send(i);
      EXPECT_EQ(pong.recv().value, i + 1);
    }
    ping.close();
  });
  EXPECT_EQ(r.verdict, Verdict::ok) << r.to_string();
  EXPECT_TRUE(r.exhaustive);
  EXPECT_GT(r.executions, 1u) << "two tasks interleave in more than one way";
}

TEST(Explore, SendWithNoReceiverIsADeadlock) {
  Report r = explore([] {
    auto ch = make_chan<int>();
    ch.send(1);
  });
  EXPECT_EQ(r.verdict, Verdict::deadlock) << r.to_string();
  EXPECT_NE(r.message.find("send"), std::string::npos) << r.message;
}

TEST(Explore, BlockedTaskAfterMainReturnsIsALeak) {
  Report r = explore([] {
    auto ch = make_chan<int>();
    go([ch] { ch.send(1); });  // nobody ever receives
  });
  EXPECT_EQ(r.verdict, Verdict::leak) << r.to_string();
}

TEST(Explore, DoubleCloseIsAPanic) {
  Report r = explore([] {
    auto ch = make_chan<int>();
    ch.close();
    ch.close();  // NOLINT(weft-channel-double-close): the panic under test
  });
  EXPECT_EQ(r.verdict, Verdict::panic);
  EXPECT_NE(r.message.find("close of closed channel"), std::string::npos) << r.message;
}

TEST(Explore, FindsALeakThatOnlySomeSchedulesHave) {
  // If main polls before the task sends, it takes the default and the task blocks for ever.
  Report r = explore([] {
    auto ch = make_chan<int>();
    go([ch] { ch.send(1); });  // NOLINT(weft-unbuffered-send-abandoned): the leak under test
    select(case_recv(ch), case_default());
  });
  EXPECT_EQ(r.verdict, Verdict::leak) << r.to_string();
  // The fixed version (room for the value) is ok in every schedule.
  Report fixed = explore([] {
    auto ch = make_chan<int>(1);
    go([ch] { ch.send(1); });
    select(case_recv(ch), case_default());
  });
  EXPECT_EQ(fixed.verdict, Verdict::ok) << fixed.to_string();
  EXPECT_TRUE(fixed.exhaustive);
}

TEST(Explore, RecursiveReadLockDeadlocksWhenAWriterWaitsBetween) {
  Report r = explore([] {
    RWMutex mu;
    WaitGroup wg;
    wg.add(2);
    go([&] {
      mu.rlock();
      mu.rlock();  // NOLINT(weft-double-lock): the deadlock this test explores
      mu.runlock();
      mu.runlock();
      wg.done();
    });
    go([&] {
      mu.lock();
      mu.unlock();
      wg.done();
    });
    wg.wait();
  });
  EXPECT_EQ(r.verdict, Verdict::deadlock) << r.to_string();
}

TEST(Explore, LockOrderInversionDeadlocks) {
  Report r = explore([] {
    Mutex a, b;
    WaitGroup wg;
    wg.add(2);
    // done() after the guards' scope: main may return (destroying a and b) as soon as it runs.
    go([&] {
      {
        std::scoped_lock<Mutex> la(a);
        std::scoped_lock<Mutex> lb(b);
      }
      wg.done();
    });
    go([&] {
      {
        std::scoped_lock<Mutex> lb(b);
        // NOLINTNEXTLINE(weft-lock-order-inversion): the deadlock this test explores
        std::scoped_lock<Mutex> la(a);
      }
      wg.done();
    });
    wg.wait();
  });
  EXPECT_EQ(r.verdict, Verdict::deadlock) << r.to_string();
}

TEST(Explore, ReplayTokenReproducesTheFinding) {
  auto program = [] {
    auto ch = make_chan<int>();
    go([ch] { ch.send(1); });  // NOLINT(weft-unbuffered-send-abandoned): the leak to replay
    select(case_recv(ch), case_default());
  };
  Report found = explore(program);
  ASSERT_EQ(found.verdict, Verdict::leak);
  Options replay;
  replay.replay = found.replay_token;
  Report again = explore(program, replay);
  EXPECT_EQ(again.verdict, Verdict::leak) << again.to_string();
  EXPECT_EQ(again.trace, found.trace);
  for (const char* bad : {"x.1", "1..2", "1.", ".1", "99999999999999999999"}) {
    replay.replay = bad;
    EXPECT_THROW(explore(program, replay), std::invalid_argument) << bad;
  }
}

TEST(Explore, TimeIsVirtual) {
  const auto start = std::chrono::steady_clock::now();
  Report r = explore([] {
    auto never = make_chan<int>();
    const auto t0 = now();
    EXPECT_EQ(select(case_recv(never), case_recv(after(10s))), 1u);
    EXPECT_GE(now() - t0, 10s);
  });
  EXPECT_EQ(r.verdict, Verdict::ok) << r.to_string();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s) << "a 10 s timeout must not take 10 s";
}

TEST(Explore, ATimeoutCanWinTheRaceAndLeakTheWorker) {
  auto program = [](std::ptrdiff_t capacity) {
    return [capacity] {
      auto result = make_chan<int>(capacity);
      go([result] { result.send(42); });
      select(case_recv(result), case_recv(after(1s)));
    };
  };
  Report leaky = explore(program(0));
  EXPECT_EQ(leaky.verdict, Verdict::leak) << leaky.to_string();
  Report fixed = explore(program(1));
  EXPECT_EQ(fixed.verdict, Verdict::ok) << fixed.to_string();
  EXPECT_TRUE(fixed.exhaustive);
  // Under Go's testing/synctest rule the timer only fires once everyone is blocked: no leak.
  Options synctest;
  synctest.synctest_timers = true;
  EXPECT_EQ(explore(program(0), synctest).verdict, Verdict::ok);
}

TEST(Explore, SpinWithoutProgressIsNontermination) {
  Options options;
  options.max_steps = 200;
  Report r = explore(
      [] {
        atomic<bool> flag{false};
        while (!flag.load()) {
        }
      },
      options);
  EXPECT_EQ(r.verdict, Verdict::nontermination) << r.to_string();
}

// Var accesses and spawns are no scheduling points (while races are looked for), but they are
// steps toward the bound: a loop of nothing else still ends in a finding.
TEST(Explore, SpinOnAVarOrSpawningForEverIsNontermination) {
  Options options;
  options.max_steps = 200;
  Report spin = explore(
      [] {
        var<int> x{0};
        while (x.read() == 0) {
        }
      },
      options);
  EXPECT_EQ(spin.verdict, Verdict::nontermination) << spin.to_string();
  Report spawner = explore(
      [] {
        for (;;) go([] {});
      },
      options);
  EXPECT_EQ(spawner.verdict, Verdict::nontermination) << spawner.to_string();
}

// A task that polls for a stop signal spins only in schedules that never let the stopper run:
// those are unfair (a real scheduler runs a ready task), not a livelock.
TEST(Explore, PollingLoopStarvingTheStopperIsNoLivelock) {
  Options options;
  options.max_steps = 60;
  Report r = explore(
      [] {
        auto quit = make_chan<empty>();
        auto exited = make_chan<empty>();
        auto polls = std::make_shared<atomic<int>>(0);
        go([=] {
          for (;;) {
            polls->fetch_add(1);
            if (select(case_recv(quit), case_default([] {})) == 0) break;
          }
          exited.close();
        });
        quit.close();
        exited.recv();
      },
      options);
  EXPECT_EQ(r.verdict, Verdict::ok) << r.to_string();
  EXPECT_TRUE(r.exhaustive) << r.to_string();
  EXPECT_GT(r.unfair, 0u) << "the schedules that starve main were cut, not reported";
}

// Many tasks with a few dozen operations each make a long execution, not a livelock: the step
// bound is per task.
TEST(Explore, LongExecutionOfManyTasksIsNotNontermination) {
  Options options;
  options.strategy = Strategy::random;
  options.max_executions = 3;
  options.max_steps = 100;
  Report r = explore(
      [] {
        auto total = std::make_shared<atomic<int>>(0);
        WaitGroup wg;
        wg.add(50);
        for (int t = 0; t < 50; ++t) {
          go([total, &wg] {
            for (int i = 0; i < 40; ++i) total->fetch_add(1);
            wg.done();
          });
        }
        wg.wait();
        check(total->load() == 2000, "every increment counted");
      },
      options);
  EXPECT_EQ(r.verdict, Verdict::ok) << r.to_string();
}

// A timer may fire while a task is suspended inside the timer's own critical section (after_func
// holds the timer's Mutex across a visible unlock); its action then waits for that lock.
TEST(Explore, TimerFiringWhileItsStateIsLockedWaitsForTheLock) {
  Report r = explore([] {
    auto fired = make_chan<empty>(1);
    auto timer = after_func(std::chrono::milliseconds(1), [fired] { fired.send({}); });
    fired.recv();
  });
  EXPECT_EQ(r.verdict, Verdict::ok) << r.to_string();
  EXPECT_TRUE(r.exhaustive);
}

// A timer's action may run before a stop() that never waits: Go allows it, and the search
// must reach it though in the first execution the stop comes first and the timer never fires.
TEST(Explore, ATimerMayFireBeforeAStopThatComesFirst) {
  for (std::size_t jobs : {1u, 2u}) {
    std::mutex seen_mutex;
    std::set<bool> seen;  // what stop() returned
    Options options;
    options.jobs = jobs;
    options.progress = false;
    const Report r = explore(
        [&] {
          auto ran = std::make_shared<atomic<int>>(0);
          Timer t = after_func(std::chrono::milliseconds(1), [ran] { ran->store(1); });
          const bool stopped = t.stop();
          std::lock_guard<std::mutex> hold(seen_mutex);
          seen.insert(stopped);
        },
        options);
    EXPECT_EQ(r.verdict, Verdict::ok) << r.to_string();
    EXPECT_TRUE(r.exhaustive);
    EXPECT_EQ(seen, (std::set<bool>{false, true})) << jobs << " jobs";
  }
}

// An unlock is no scheduling point — except where a try_lock can see the lock held between a
// lock and an unlock with no point between them. Meeting a try_lock, the search starts again
// with every unlock a point, and its token says so ("p..."): the replay schedules them too.
TEST(Explore, ATryLockSeesALockHeldAcrossNoPoint) {
  auto program = [] {
    auto mu = std::make_shared<Mutex>();
    auto done = make_chan<empty>(1);
    go([mu, done] {
      mu->lock();
      mu->unlock();
      done.send({});
    });
    const bool got = mu->try_lock();
    if (got) mu->unlock();
    done.recv();
    check(got, "try_lock got the lock");
  };
  for (std::size_t jobs : {1u, 2u}) {
    Options options;
    options.jobs = jobs;
    options.progress = false;
    const Report found = explore(program, options);
    ASSERT_EQ(found.verdict, Verdict::assertion) << jobs << " jobs: " << found.to_string();
    EXPECT_EQ(found.replay_token.front(), 'p') << found.replay_token;
    Options replay;
    replay.replay = found.replay_token;
    const Report again = explore(program, replay);
    EXPECT_EQ(again.verdict, Verdict::assertion) << again.to_string();
    EXPECT_EQ(again.trace, found.trace);
  }
  // Every strategy starts again the same way.
  for (Strategy strategy : {Strategy::random, Strategy::pct}) {
    Options options;
    options.strategy = strategy;
    options.progress = false;
    const Report found = explore(program, options);
    EXPECT_EQ(found.verdict, Verdict::assertion) << found.to_string();
  }
  Options bounded;
  bounded.max_preemptions = 2;
  bounded.progress = false;
  EXPECT_EQ(explore(program, bounded).verdict, Verdict::assertion);
  // Without try_lock the same lock is no point, and the token has no "p".
  const Report plain = explore([] {
    auto mu = std::make_shared<Mutex>();
    auto ch = make_chan<int>();
    go([mu, ch] {
      mu->lock();
      mu->unlock();
      ch.send(1);  // NOLINT(weft-unbuffered-send-abandoned): the leak to find
    });
    mu->lock();
    mu->unlock();
    select(case_recv(ch), case_default());
  });
  ASSERT_EQ(plain.verdict, Verdict::leak) << plain.to_string();
  EXPECT_NE(plain.replay_token.front(), 'p') << plain.replay_token;
}

// Go ends the program when main returns; a task that would run on for ever is leaked, not
// a program that never ends.
TEST(Explore, TaskRunningForEverAfterMainIsLeak) {
  Options options;
  options.max_steps = 300;
  Report r = explore(
      [] {
        go([] {
          atomic<int> spins{0};
          for (;;) spins.fetch_add(1);
        });
      },
      options);
  EXPECT_EQ(r.verdict, Verdict::leak) << r.to_string();
  EXPECT_NE(r.message.find("still ran, one of them for 300 steps"), std::string::npos) << r.message;
}

TEST(Explore, ReportPrintsTraceAndReplayToken) {
  Report r = explore([] {
    auto ch = make_chan<int>();
    ch.send(1);
  });
  const std::string text = r.to_string();
  EXPECT_NE(text.find("verdict: deadlock"), std::string::npos) << text;
  EXPECT_NE(text.find("explore_test.cc"), std::string::npos) << "steps name their source" << text;
  EXPECT_NE(text.find("replay:"), std::string::npos) << text;
}

}  // namespace
}  // namespace weft::harness

// The gtest helpers write a failing test's finding as an HTML page where WEFT_HTML_DIR says.
TEST(Explore, GtestHelperWritesTheFindingAsHtmlWhenAsked) {
  const std::string dir = ::testing::TempDir();
  ::setenv("WEFT_HTML_DIR", dir.c_str(), 1);
  weft::harness::Options o;
  o.name = "html_helper_deadlock";
  const ::testing::AssertionResult r = weft::harness::proves_clean(
      [] {
        auto ch = weft::make_chan<int>();
        ch.send(1);  // no receiver: a deadlock
      },
      o);
  ::unsetenv("WEFT_HTML_DIR");
  ASSERT_FALSE(r);
  const std::string path = dir + "/html_helper_deadlock.html";
  EXPECT_NE(std::string(r.message()).find("trace as HTML: " + path), std::string::npos)
      << r.message();
  std::ifstream page(path);
  const std::string text((std::istreambuf_iterator<char>(page)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("class=\"lane-title\">task 0 (main)<"), std::string::npos) << text;
  EXPECT_NE(text.find("blocked failing"), std::string::npos) << text;
}

// Traces call objects by the name weft::name gave them, and say where the others were made.
TEST(Explore, TracesNameObjectsAndSayWhereTheyWereMade) {
  static int made_on = 0;
  const weft::harness::Report r = weft::harness::explore([] {
    weft::Mutex accounts;
    weft::name(accounts, "accounts");
    made_on = __LINE__; auto results = weft::make_chan<int>();  // unnamed: made on this line
    accounts.lock();
    results.send(1);  // NOLINT(weft-blocking-under-lock): the deadlock under test
  });
  ASSERT_EQ(r.verdict, weft::harness::Verdict::deadlock) << r.to_string();
  const std::string text = r.to_string();
  EXPECT_NE(text.find("lock accounts at"), std::string::npos) << text;
  EXPECT_NE(text.find("send #2 at"), std::string::npos) << text;
  ASSERT_EQ(r.objects.size(), 2u) << text;
  EXPECT_NE(r.objects[0].find("accounts: made at"), std::string::npos) << text;
  EXPECT_NE(r.objects[1].find("#2: made at"), std::string::npos) << text;
  EXPECT_NE(r.objects[1].find("explore_test.cc:" + std::to_string(made_on)), std::string::npos)
      << text;
}

// What the model checker must find, and what it must prove clean: one test per kind of finding,
// with programs whose bug shows up only in some interleavings.
#include <chrono>
#include <memory>

#include "weft/harness/gtest.h"
#include "weft/weft.h"

namespace weft::harness {
namespace {

using namespace std::chrono_literals;

Options without_races() {
  Options o;
  o.race_detection = false;
  return o;
}

// Two tasks each add 1 to a shared counter; main waits and checks the total.
void counter(bool locked, bool with_check) {
  auto total = std::make_shared<var<int>>(0);
  auto mu = std::make_shared<Mutex>();
  WaitGroup wg;
  wg.add(2);
  for (int i = 0; i < 2; ++i) {
    go([total, mu, locked, &wg] {
      if (locked) mu->lock();
      const int seen = total->read();
      total->write(seen + 1);
      if (locked) mu->unlock();
      wg.done();
    });
  }
  wg.wait();
  if (with_check) check(total->read() == 2, "both increments counted");
}

TEST(Findings, LostUpdateBreaksTheCheck) {
  EXPECT_TRUE(finds(Verdict::assertion, [] { counter(false, true); }, without_races()));
}

TEST(Findings, LostUpdateIsADataRace) {
  EXPECT_TRUE(finds(Verdict::race, [] { counter(false, false); }));
}

TEST(Findings, CounterUnderAMutexIsProvedClean) {
  EXPECT_TRUE(proves_clean([] { counter(true, true); }));
}

TEST(Findings, UnsynchronizedWriteAndReadRace) {
  Report r = explore([] {
    auto x = std::make_shared<var<int>>(0);
    auto done = make_chan<empty>(1);
    go([x, done] {
      x->write(1);
      done.send({});
    });
    (void)x->read();  // not ordered after the task's write
    done.recv();
  });
  ASSERT_EQ(r.verdict, Verdict::race) << r.to_string();
  EXPECT_NE(r.message.find("a write by task 1"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("findings_test.cc"), std::string::npos) << r.message;
}

// Main writes x only if it sees the task's store; the task reads x after that store, unordered
// with the write. So the race exists only in the executions where the store comes before main's
// load — not in the first one a depth-first search runs (main, the lower id, goes first). Var
// accesses are no scheduling points while races are looked for: every strategy must still reach
// that order of the atomic operations.
void race_behind_a_store(bool store) {
  auto x = std::make_shared<var<int>>(0);
  auto flag = std::make_shared<atomic<int>>(0);
  auto done = make_chan<empty>(1);
  go([x, flag, done, store] {
    if (store) flag->store(1);
    (void)x->read();
    done.send({});
  });
  if (flag->load() == 1) x->write(1);
  done.recv();
}

TEST(Findings, RaceThatOnlySomeSynchronisationOrdersShowIsFound) {
  const Report dfs = explore([] { race_behind_a_store(true); });
  ASSERT_EQ(dfs.verdict, Verdict::race) << dfs.to_string();
  EXPECT_EQ(dfs.executions, 2u) << "the race is in the second trace, not the first";
  Options random;
  random.strategy = Strategy::random;
  EXPECT_TRUE(finds(Verdict::race, [] { race_behind_a_store(true); }, random));
  Options pct;
  pct.strategy = Strategy::pct;
  EXPECT_TRUE(finds(Verdict::race, [] { race_behind_a_store(true); }, pct));
  // Without the store, main never writes: nothing to find.
  EXPECT_TRUE(proves_clean([] { race_behind_a_store(false); }));
}

TEST(Findings, EveryHappensBeforeEdgeOrdersAccesses) {
  // Each hand-over the memory model names orders a write before a read in another task.
  EXPECT_TRUE(proves_clean([] {  // send -> receive
    auto x = std::make_shared<var<int>>(0);
    auto ch = make_chan<int>();
    go([x, ch] { x->write(1); ch.send(1); });
    ch.recv();
    check(x->read() == 1, "send happens before receive");
  }));
  EXPECT_TRUE(proves_clean([] {  // close -> receive
    auto x = std::make_shared<var<int>>(0);
    auto ch = make_chan<int>();
    go([x, ch] { x->write(1); ch.close(); });
    ch.recv();
    check(x->read() == 1, "close happens before the receive it ends");
  }));
  EXPECT_TRUE(proves_clean([] {  // WaitGroup done -> wait
    auto x = std::make_shared<var<int>>(0);
    auto wg = std::make_shared<WaitGroup>();
    wg->add(1);
    go([x, wg] { x->write(1); wg->done(); });
    wg->wait();
    check(x->read() == 1, "done happens before wait returns");
  }));
  EXPECT_TRUE(proves_clean([] {  // Once: the run -> every caller
    auto x = std::make_shared<var<int>>(0);
    auto once = std::make_shared<Once>();
    auto wg = std::make_shared<WaitGroup>();
    wg->add(2);
    for (int i = 0; i < 2; ++i) {
      go([x, once, wg] {
        once->call([&] { x->write(1); });
        check(x->read() == 1, "once's run happens before every call returns");
        wg->done();
      });
    }
    wg->wait();
  }));
  EXPECT_TRUE(proves_clean([] {  // the go statement -> the task
    auto x = std::make_shared<var<int>>(0);
    x->write(1);
    auto ch = make_chan<int>();
    go([x, ch] { ch.send(x->read()); });
    ch.recv();
  }));
  EXPECT_TRUE(proves_clean([] {  // a buffered channel's k-th receive -> the (k+C)-th send
    auto x = std::make_shared<var<int>>(0);
    auto tokens = make_chan<int>(1);
    auto wg = std::make_shared<WaitGroup>();
    wg->add(2);
    for (int i = 0; i < 2; ++i) {
      go([x, tokens, wg] {
        tokens.send(0);  // a semaphore of one
        x->write(x->read() + 1);
        tokens.recv();
        wg->done();
      });
    }
    wg->wait();
  }));
}

TEST(Findings, AbBaDeadlockOnTwoMutexes) {
  EXPECT_TRUE(finds(Verdict::deadlock, [] {
    auto a = std::make_shared<Mutex>();
    auto b = std::make_shared<Mutex>();
    auto finished = make_chan<empty>();
    go([=] {
      a->lock();
      b->lock();
      b->unlock();
      a->unlock();
      finished.send({});
    });
    b->lock();
    a->lock();  // NOLINT(weft-lock-order-inversion): the deadlock under test
    a->unlock();
    b->unlock();
    finished.recv();
  }));
}

TEST(Findings, TaskReadingANilChannelLeaks) {
  Report r = explore([] {
    chan<int> never;  // nil: a receive blocks for ever
    go([never] { never.recv(); });  // NOLINT(weft-nil-channel-op): the leak under test
  });
  ASSERT_EQ(r.verdict, Verdict::leak) << r.to_string();
  EXPECT_NE(r.message.find("recv nil"), std::string::npos) << r.message;
}

TEST(Findings, TaskWritingToAChannelNobodyReadsLeaks) {
  EXPECT_TRUE(finds(Verdict::leak, [] {
    auto results = make_chan<int>();
    go([results] { results.send(1); });
  }));
}

TEST(Findings, SendOnClosedChannelThatOnlySomeSchedulesReach) {
  Report r = explore([] {
    auto ch = make_chan<int>(1);
    go([ch] { ch.try_send(1); });  // may run after the close below
    ch.close();
  });
  ASSERT_EQ(r.verdict, Verdict::panic) << r.to_string();
  EXPECT_NE(r.message.find("send on closed channel"), std::string::npos) << r.message;
}

TEST(Findings, RecursiveReadLockUnderAWaitingWriterDeadlocks) {
  EXPECT_TRUE(finds(Verdict::deadlock, [] {
    auto mu = std::make_shared<RWMutex>();
    auto finished = make_chan<empty>(1);
    mu->rlock();
    go([mu, finished] {
      mu->lock();
      mu->unlock();
      finished.send({});
    });
    mu->rlock();  // NOLINT(weft-double-lock): a waiting writer holds new readers back; the bug to find
    mu->runlock();
    mu->runlock();
    finished.recv();
  }));
}

TEST(Findings, WaitGroupAddInsideTheTaskLetsWaitReturnEarly) {
  EXPECT_TRUE(finds(
      Verdict::assertion,
      [] {
        auto total = std::make_shared<var<int>>(0);
        auto wg = std::make_shared<WaitGroup>();
        for (int i = 0; i < 2; ++i) {
          go([total, wg] {
            wg->add(1);  // NOLINT(weft-waitgroup-add-in-task): the bug under test
            total->write(total->read() + 1);
            wg->done();
          });
        }
        wg->wait();
        check(total->read() == 2, "wait returns after both tasks");
      },
      without_races()));
}

TEST(Findings, TimeoutSelectIsExploredInVirtualTime) {
  const auto start = std::chrono::steady_clock::now();
  Report r = explore([] {
    auto slow = make_chan<int>(1);
    go([slow] {
      sleep(1h);
      slow.send(1);
    });
    select(case_recv(slow), case_recv(after(30min)));
  });
  EXPECT_EQ(r.verdict, Verdict::ok) << r.to_string();
  EXPECT_TRUE(r.exhaustive);
  // Virtual time: an hour's sleep costs nothing. (A loose bound: this is a property of the
  // clock, not a benchmark.)
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(Findings, UncaughtExceptionIsAPanicFinding) {
  Report r = explore([] { go([] { throw std::runtime_error("disk full"); }); });
  ASSERT_EQ(r.verdict, Verdict::panic) << r.to_string();
  EXPECT_NE(r.message.find("disk full"), std::string::npos) << r.message;
}

int recurse(int depth) {
  volatile char frame[512];
  frame[0] = static_cast<char>(depth);
  return depth > 1'000'000 ? frame[0] : recurse(depth + 1) + frame[0];
}

TEST(Findings, StackOverflowIsAFindingNotACrash) {
  Options small;
  small.stack_size = 64 * 1024;
  Report r = explore([] { go([] { recurse(0); }); }, small);
  ASSERT_EQ(r.verdict, Verdict::panic) << r.to_string();
  EXPECT_NE(r.message.find("overflowed its stack"), std::string::npos) << r.message;
  // The checker is still fine: the next exploration works.
  EXPECT_TRUE(proves_clean([] { go([] {}); }));
}

// An exception out of a destructor calls std::terminate; under the harness that is a finding
// for the task that did it, and exploration goes on.
TEST(Findings, TerminateInATaskIsAPanicAndExplorationGoesOn) {
  const std::terminate_handler before = std::get_terminate();
  Report r = explore([] {
    auto mu = std::make_shared<Mutex>();
    auto finished = make_chan<int>(2);
    for (int i = 0; i < 2; ++i) {
      go([mu, finished, i] {
        {
          MutexLock hold(*mu);
          if (i == 1) mu->unlock();  // the guard's unlock then panics, inside a destructor
        }
        finished.send(i);
      });
    }
    finished.recv();
    finished.recv();
  });
  EXPECT_EQ(r.verdict, Verdict::panic) << r.to_string();
  EXPECT_NE(r.message.find("std::terminate"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("unlock of unlocked mutex"), std::string::npos) << r.message;
  EXPECT_EQ(std::get_terminate(), before) << "the harness restores the terminate handler";
  // The process is intact: a clean program still explores to the end afterwards.
  EXPECT_TRUE(proves_clean([] {
    Mutex mu;
    MutexLock hold(mu);
  }));
}

}  // namespace
}  // namespace weft::harness

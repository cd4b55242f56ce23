// Sleep sets must only skip schedules equivalent to explored ones: every outcome a program can
// reach is still reached, and every finding still found, with fewer executions.
#include <cstdio>
#include <memory>
#include <set>
#include <vector>

#include "abba.h"
#include "weft/harness/gtest.h"
#include "weft/weft.h"

namespace weft::harness {
namespace {

Options with_sleep_sets(bool on) {
  Options o;
  o.sleep_sets = on;
  o.max_executions = 1'000'000;
  return o;
}

// Every final state a program reaches, over an exhaustive exploration.
template <class Program>
std::set<std::vector<int>> outcomes(Program program, bool sleep_sets, std::size_t* executions) {
  std::set<std::vector<int>> seen;
  Report r = explore([&] { seen.insert(program()); }, with_sleep_sets(sleep_sets));
  EXPECT_EQ(r.verdict, Verdict::ok) << r.to_string();
  EXPECT_TRUE(r.exhaustive);
  *executions = r.executions;
  return seen;
}

// Two tasks append their number to a log under a mutex: the order of the log is the outcome.
std::vector<int> lock_order_log() {
  auto mu = std::make_shared<Mutex>();
  auto log = std::make_shared<std::vector<int>>();
  auto wg = std::make_shared<WaitGroup>();
  wg->add(2);
  for (int i = 0; i < 2; ++i) {
    go([=] {
      mu->lock();
      log->push_back(i);
      mu->unlock();
      wg->done();
    });
  }
  wg->wait();
  return *log;
}

// Two senders race on one channel while a third task works on another object.
std::vector<int> channel_race() {
  auto ch = make_chan<int>();
  auto other = std::make_shared<var<int>>(0);
  auto unrelated = make_chan<int>(1);
  go([ch] { ch.send(1); });
  go([ch] { ch.send(2); });
  go([unrelated, other] {
    other->write(5);
    unrelated.send(7);
  });
  std::vector<int> got{ch.recv().value, ch.recv().value, unrelated.recv().value};
  return got;
}

// A select between two ready channels, and a close that races with a receive.
std::vector<int> select_and_close() {
  auto a = make_chan<int>(1);
  auto b = make_chan<int>(1);
  go([a] { a.send(1); });
  go([b] { b.send(2); b.close(); });
  int first = 0;
  select(case_recv(a, [&](int v) { first = v; }), case_recv(b, [&](int v) { first = v; }));
  return {first};
}

TEST(Reduction, SleepSetsKeepEveryOutcome) {
  for (auto program : {&lock_order_log, &channel_race, &select_and_close}) {
    std::size_t full = 0;
    std::size_t reduced = 0;
    const auto all = outcomes(program, false, &full);
    const auto kept = outcomes(program, true, &reduced);
    EXPECT_EQ(all, kept);
    EXPECT_LE(reduced, full);
    std::printf("executions: %zu with sleep sets, %zu without\n", reduced, full);
  }
}

TEST(Reduction, SleepSetsCutTheSearch) {
  std::size_t full = 0;
  std::size_t reduced = 0;
  outcomes(&lock_order_log, false, &full);
  outcomes(&lock_order_log, true, &reduced);
  EXPECT_LT(reduced * 2, full) << "reduced " << reduced << " of " << full;
}

TEST(Reduction, SleepSetsStillFindEveryBug) {
  const std::vector<std::pair<Verdict, void (*)()>> bugs = {
      {Verdict::deadlock, &testing::abba},
      {Verdict::race,
       [] {
         auto x = std::make_shared<var<int>>(0);
         auto unrelated = std::make_shared<Mutex>();
         go([x, unrelated] { unrelated->lock(); unrelated->unlock(); x->write(1); });
         unrelated->lock();
         unrelated->unlock();
         (void)x->read();
       }},
      {Verdict::leak,
       [] {
         auto results = make_chan<int>();
         auto quit = make_chan<empty>();
         go([results] { results.send(1); });  // NOLINT(weft-unbuffered-send-abandoned): the leak to find
         go([quit] { quit.close(); });
         select(case_recv(results), case_recv(quit));
       }},
  };
  for (const auto& [verdict, program] : bugs) {
    EXPECT_TRUE(finds(verdict, program, with_sleep_sets(true)));
    EXPECT_TRUE(finds(verdict, program, with_sleep_sets(false)));
  }
}

}  // namespace
}  // namespace weft::harness

// The DPOR search on its own, without fibers or the model runtime: synthetic programs whose
// processes never block, each event one read or write of one object. Every interleaving is
// possible, so the Mazurkiewicz traces can be counted by brute force (all interleavings, each
// reduced to a canonical representative of its trace) and compared with what the search runs
// to the end: each trace exactly once — with one worker, and with several sharing one tree
// (--jobs). (How many executions sleep sets cut short may differ between runs with several
// workers: which initial of a race joins a backtrack set depends on what other workers added
// first.) Built in every preset, so the shared tree's locking runs under ThreadSanitizer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "dpor.h"
#include "dpor_tree.h"

namespace weft::harness {
namespace {

struct Op {
  rt::ObjectId object;
  Effect effect;
};
using Program = std::vector<std::vector<Op>>;  // per process, its events in order

bool depends(const Op& a, const Op& b) { return a.object == b.object && dependent(a.effect, b.effect); }

// The trace of an interleaving (process ids in order), as its canonical representative: the
// linearisation of its happens-before order that always runs the lowest process it can.
std::string canonical(const Program& program, const std::vector<int>& order) {
  struct Event {
    int process;
    std::size_t index;
  };
  std::vector<Event> events;
  std::vector<std::size_t> next(program.size(), 0);
  for (int p : order) events.push_back(Event{p, next[static_cast<std::size_t>(p)]++});
  const std::size_t n = events.size();
  std::vector<std::vector<std::size_t>> before(n);  // dependent earlier events
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      const Event& a = events[i];
      const Event& b = events[j];
      if (a.process == b.process ||
          depends(program[static_cast<std::size_t>(a.process)][a.index],
                  program[static_cast<std::size_t>(b.process)][b.index])) {
        before[j].push_back(i);
      }
    }
  }
  std::vector<bool> done(n, false);
  std::string form;
  for (std::size_t step = 0; step < n; ++step) {
    std::size_t pick = n;
    for (std::size_t j = 0; j < n; ++j) {
      if (done[j]) continue;
      const bool ready = std::all_of(before[j].begin(), before[j].end(),
                                     [&](std::size_t i) { return done[i]; });
      if (ready && (pick == n || events[j].process < events[pick].process)) pick = j;
    }
    done[pick] = true;
    form += static_cast<char>('0' + events[pick].process);
  }
  return form;
}

// Every interleaving's trace.
std::set<std::string> all_traces(const Program& program) {
  std::vector<int> order;
  for (std::size_t p = 0; p < program.size(); ++p) {
    order.insert(order.end(), program[p].size(), static_cast<int>(p));
  }
  std::set<std::string> traces;
  do {
    traces.insert(canonical(program, order));
  } while (std::next_permutation(order.begin(), order.end()));
  return traces;
}

struct Outcome {
  std::size_t complete = 0;
  std::size_t cut_short = 0;
  std::multiset<std::string> traces;  // of the complete executions
};

// One worker: executions until its Dpor has nothing left (the tree's other workers included).
void work(const Program& program, DporTree& tree, Outcome& outcome, std::mutex& outcome_mutex,
          bool wakeup_trees) {
  Dpor dpor(true, tree, wakeup_trees);
  if (!dpor.start()) return;
  std::vector<Footprint> next(program.size());
  std::vector<Candidate> candidates;
  do {
    dpor.begin_execution();
    std::vector<std::size_t> at(program.size(), 0);
    std::vector<int> order;
    bool cut = false;
    for (;;) {
      candidates.clear();
      for (std::size_t p = 0; p < program.size(); ++p) {
        if (at[p] == program[p].size()) continue;
        next[p] = Footprint::none();
        next[p].add(program[p][at[p]].object, program[p][at[p]].effect);
        candidates.push_back(Candidate{static_cast<Process>(p), &next[p]});
      }
      if (candidates.empty()) break;
      const std::optional<std::size_t> k = dpor.pick(candidates);
      if (!k) {
        cut = true;
        break;
      }
      const auto p = static_cast<std::size_t>(candidates[*k].process);
      order.push_back(static_cast<int>(p));
      ++at[p];
      dpor.event_done(next[p], false);
    }
    std::lock_guard<std::mutex> hold(outcome_mutex);
    if (cut) {
      ++outcome.cut_short;
    } else {
      ++outcome.complete;
      outcome.traces.insert(canonical(program, order));
    }
  } while (dpor.next_execution());
}

// jobs > 1 share one tree (and so search without wakeup trees).
Outcome search(const Program& program, std::size_t jobs, bool wakeup_trees = true) {
  Outcome outcome;
  std::mutex outcome_mutex;
  DporTree tree(jobs > 1, jobs);
  std::vector<std::thread> workers;
  for (std::size_t j = 0; j < jobs; ++j) {
    workers.emplace_back([&] {
      work(program, tree, outcome, outcome_mutex, wakeup_trees);
      tree.stop();
    });
  }
  for (std::thread& w : workers) w.join();
  return outcome;
}

// Random programs: 2 to 4 processes of 1 to 3 events on 1 to 3 objects, at most 9 events.
Program random_program(std::mt19937& rng) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const int processes = uniform(2, 4);
  const int objects = uniform(1, 3);
  Program program(static_cast<std::size_t>(processes));
  int total = 0;
  for (auto& events : program) {
    const int length = std::min(uniform(1, 3), 9 - total - (processes - 1));
    for (int i = 0; i < std::max(length, 1); ++i) {
      const auto object = static_cast<rt::ObjectId>(0x1000 + 0x10 * uniform(0, objects - 1));
      events.push_back(Op{object, uniform(0, 2) == 0 ? Effect::write : Effect::read});
      ++total;
    }
  }
  return program;
}

std::string describe(const Program& program) {
  std::string text;
  for (std::size_t p = 0; p < program.size(); ++p) {
    text += "process " + std::to_string(p) + ":";
    for (const Op& op : program[p]) {
      text += op.effect == Effect::write ? " w" : " r";
      text += std::to_string((op.object - 0x1000) / 0x10);
    }
    text += "\n";
  }
  return text;
}

// Each of `traces` ran to its end in exactly one execution, and nothing else did.
testing::AssertionResult every_trace_once(const Outcome& outcome,
                                          const std::set<std::string>& traces) {
  const std::set<std::string> ran(outcome.traces.begin(), outcome.traces.end());
  if (ran != traces) {
    return testing::AssertionFailure() << ran.size() << " traces ran to their end, of "
                                       << traces.size();
  }
  if (outcome.complete != traces.size()) {
    return testing::AssertionFailure() << outcome.complete << " executions ran to their end for "
                                       << traces.size() << " traces";
  }
  return testing::AssertionSuccess();
}

TEST(DporSearch, EveryTraceRunsToItsEndExactlyOnce) {
  std::mt19937 rng(20261202);
  for (int round = 0; round < 60; ++round) {
    const Program program = random_program(rng);
    const std::set<std::string> expected = all_traces(program);
    ASSERT_TRUE(every_trace_once(search(program, 1), expected)) << describe(program);
    ASSERT_TRUE(every_trace_once(search(program, 1, false), expected)) << describe(program);
  }
}

// With wakeup trees one worker's search is optimal: no execution is cut short, so every
// execution is one trace's. Source-DPOR alone (a backtrack set per node) cuts some short on
// the same programs, which shows the programs are ones where that can happen.
TEST(DporSearch, WakeupTreesCutNothingShort) {
  std::mt19937 rng(15);
  std::size_t source_cut_short = 0;
  for (int round = 0; round < 2000; ++round) {
    const Program program = random_program(rng);
    const std::set<std::string> expected = all_traces(program);
    const Outcome optimal = search(program, 1);
    ASSERT_TRUE(every_trace_once(optimal, expected)) << describe(program);
    ASSERT_EQ(optimal.cut_short, 0U) << describe(program);
    const Outcome source = search(program, 1, false);
    ASSERT_TRUE(every_trace_once(source, expected)) << describe(program);
    source_cut_short += source.cut_short;
  }
  EXPECT_GT(source_cut_short, 0U);
}

// A reversal a sleeping process covers: after p1's w0 and r2, p2 (whose r2 commutes with
// p1's) is asleep; p0's w2 then races with p1's second r2, and the reversal is covered since
// p2 is a weak initial of it. The trace that reverses that race and runs p2 after p0's w2
// must come from an earlier reversal. A wakeup-tree search that names objects only
// approximately across executions lost it here (harness/README.md, "Wakeup trees").
TEST(DporSearch, ReversalBehindASleeper) {
  const rt::ObjectId o0 = 0x1000;
  const rt::ObjectId o1 = 0x1010;
  const rt::ObjectId o2 = 0x1020;
  const Program program = {{Op{o2, Effect::write}, Op{o0, Effect::read}, Op{o1, Effect::write}},
                           {Op{o0, Effect::write}, Op{o2, Effect::read}, Op{o2, Effect::read}},
                           {Op{o2, Effect::read}}};
  const std::set<std::string> expected = all_traces(program);
  ASSERT_EQ(expected.size(), 8U);
  EXPECT_TRUE(every_trace_once(search(program, 1), expected)) << describe(program);
}

TEST(DporSearch, SharedTreeRunsEveryTraceOnce) {
  std::mt19937 rng(7);
  for (int round = 0; round < 40; ++round) {
    const Program program = random_program(rng);
    const std::set<std::string> expected = all_traces(program);
    for (std::size_t jobs : {2, 3, 4}) {
      const Outcome shared = search(program, jobs);
      ASSERT_TRUE(every_trace_once(shared, expected)) << jobs << " jobs\n" << describe(program);
      ASSERT_EQ(shared.cut_short, 0U) << jobs << " jobs\n" << describe(program);
    }
  }
}

// Programs big enough that the workers hand work to each other many times, searched again
// and again (how the work changes hands differs from run to run).
TEST(DporSearch, SharedTreeOnLargerPrograms) {
  const rt::ObjectId x = 0x1000;
  const rt::ObjectId y = 0x1010;
  struct Shape {
    std::vector<Op> events;  // of each of 4 processes
    int rounds;
  };
  const Shape shapes[] = {
      {{Op{x, Effect::write}, Op{y, Effect::read}, Op{y, Effect::write}}, 10},  // 13,824 traces
      {{Op{x, Effect::read}, Op{y, Effect::write}, Op{x, Effect::write}}, 10},  // 3,672
      {{Op{x, Effect::write}, Op{y, Effect::read}, Op{x, Effect::read}, Op{y, Effect::write}},
       1},  // 125,592
  };
  for (const Shape& shape : shapes) {
    const Program program(4, shape.events);
    const Outcome one = search(program, 1);
    const std::set<std::string> traces(one.traces.begin(), one.traces.end());
    ASSERT_GT(one.complete, 500U) << describe(program);
    ASSERT_TRUE(every_trace_once(one, traces)) << describe(program);  // none twice
    EXPECT_EQ(one.cut_short, 0U) << describe(program);
    for (int round = 0; round < shape.rounds; ++round) {
      for (std::size_t jobs : {2, 3, 4}) {
        const Outcome shared = search(program, jobs);
        ASSERT_TRUE(every_trace_once(shared, traces)) << jobs << " jobs\n" << describe(program);
        EXPECT_EQ(shared.cut_short, 0U) << jobs << " jobs\n" << describe(program);
      }
    }
  }
}

}  // namespace
}  // namespace weft::harness

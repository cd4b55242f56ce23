// Small random weft programs whose outcome is observable, for differential testing: the
// model checker's reduction against every interleaving (tests/harness/differential_test.cc),
// and the production runtimes against the model checker (tests/fuzz, scripts/fuzz).
//
// A program is a few tasks, each a few steps drawn from a seed (channels buffered and not,
// select with default and with a timeout, Mutex, try_lock, RWMutex, atomics, WaitGroup or
// done channels to join, tasks that spawn tasks). Its outcome is everything its tasks observed (values read, received,
// selected, try_lock results) and the final state. Programs are built so that they always end:
// no deadlock, leak or panic, so an exhaustive search runs to its end.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "weft/weft.h"

namespace weft::testing {

// One step of a task, drawn from the seed.
enum class Step {
  locked_update,  // lock m; v = x; x = 3v + id; unlock m        observes v
  fetch_add,      // a.fetch_add(id)                              observes the old value
  load,           // a.load()                                     observes it
  send_buffered,  // b.send(...) (b has room for every send)
  poll,           // select { v := <-b; default }                 observes v or -1
  try_lock,       // m.try_lock(), then unlock if taken            observes the result
  read_locked,    // rw.rlock; v = y; rw.runlock                   observes v
  write_locked,   // rw.lock; y = y + id; rw.unlock
  send_unbuffered,  // u.send(id): main receives as many, last
  timeout_poll,   // select { v := <-b; <-after(1ms) }            observes v or -2
  spawn_child,    // go { v = a.fetch_add(10 id); kids <- v }     main observes kids' values
  kCount,
};

struct Program {
  std::vector<std::vector<Step>> tasks;
  bool join_with_wait_group;
  std::string describe() const {
    std::string s = join_with_wait_group ? "wg" : "done-channels";
    for (const auto& t : tasks) {
      s += " |";
      for (Step st : t) s += " " + std::to_string(static_cast<int>(st));
    }
    return s;
  }
};

inline std::uint64_t next(std::uint64_t& state) {  // splitmix64
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

inline Program draw(std::uint64_t seed) {
  std::uint64_t state = seed;
  Program p;
  // Small enough that running every interleaving stays in the tens of thousands.
  const int tasks = next(state) % 3 == 0 ? 3 : 2;
  p.join_with_wait_group = next(state) % 2 == 0;
  for (int t = 0; t < tasks; ++t) {
    std::vector<Step> steps;
    const int n = 1 + static_cast<int>(next(state) % (tasks == 2 ? 2 : 1));
    for (int i = 0; i < n; ++i) {
      steps.push_back(static_cast<Step>(next(state) % static_cast<std::uint64_t>(Step::kCount)));
    }
    p.tasks.push_back(steps);
  }
  return p;
}

using Outcome = std::vector<int>;

// Runs the program once (under the model or on a production runtime) and returns what it
// observed.
inline Outcome run(const Program& p) {
  const int n = static_cast<int>(p.tasks.size());
  auto m = std::make_shared<Mutex>();
  auto rw = std::make_shared<RWMutex>();
  auto x = std::make_shared<var<int>>(1);
  auto y = std::make_shared<var<int>>(0);
  auto a = std::make_shared<atomic<int>>(0);
  int sends = 0;
  int unbuffered = 0;
  int children = 0;
  for (const auto& t : p.tasks) {
    for (Step s : t) {
      sends += s == Step::send_buffered ? 1 : 0;
      unbuffered += s == Step::send_unbuffered ? 1 : 0;
      children += s == Step::spawn_child ? 1 : 0;
    }
  }
  auto kids = make_chan<int>(children);  // room for every child's value
  auto kids_done = std::make_shared<WaitGroup>();
  auto b = make_chan<int>(sends + 1);
  auto u = make_chan<int>();
  auto wg = std::make_shared<WaitGroup>();
  std::vector<chan<empty>> done;
  auto seen = std::make_shared<std::vector<std::vector<int>>>(static_cast<std::size_t>(n));
  if (p.join_with_wait_group) wg->add(n);
  for (int id = 1; id <= n; ++id) {
    auto d = make_chan<empty>();
    done.push_back(d);
    const std::vector<Step> steps = p.tasks[static_cast<std::size_t>(id - 1)];
    const bool use_wg = p.join_with_wait_group;
    go([=] {
      std::vector<int>& mine = (*seen)[static_cast<std::size_t>(id - 1)];
      for (Step s : steps) {
        switch (s) {
          case Step::locked_update: {
            m->lock();
            const int v = x->read();
            x->write(3 * v + id);
            m->unlock();
            mine.push_back(v);
            break;
          }
          case Step::fetch_add: mine.push_back(a->fetch_add(id)); break;
          case Step::load: mine.push_back(a->load()); break;
          case Step::send_buffered: b.send(id * 100 + static_cast<int>(mine.size())); break;
          case Step::poll: {
            int got = -1;
            select(case_recv(b, [&](int v) { got = v; }), case_default([] {}));
            mine.push_back(got);
            break;
          }
          case Step::try_lock: {
            const bool took = m->try_lock();
            if (took) m->unlock();
            mine.push_back(took ? 1 : 0);
            break;
          }
          case Step::read_locked: {
            rw->rlock();
            mine.push_back(y->read());
            rw->runlock();
            break;
          }
          case Step::write_locked: {
            rw->lock();
            y->write(y->read() + id);
            rw->unlock();
            break;
          }
          case Step::send_unbuffered: u.send(id); break;
          case Step::timeout_poll: {
            int got = -2;
            select(case_recv(b, [&](int v) { got = v; }),
                   case_recv(after(std::chrono::milliseconds(1)), [] {}));
            mine.push_back(got);
            break;
          }
          case Step::spawn_child: {
            kids_done->add(1);  // before main waits: main waits for this task first
            go([=] {
              const int v = a->fetch_add(10 * id);
              kids.send(v);
              kids_done->done();
            });
            break;
          }
          case Step::kCount: break;
        }
      }
      if (use_wg) {
        wg->done();
      } else {
        d.send({});
      }
    });
  }
  Outcome out;
  for (int i = 0; i < unbuffered; ++i) out.push_back(u.recv().value);
  if (p.join_with_wait_group) {
    wg->wait();
  } else {
    for (auto& d : done) d.recv();
  }
  kids_done->wait();
  kids.close();
  out.push_back(-300);  // the children's values, in the order they were sent
  for (int v : kids) out.push_back(v);
  for (const auto& v : *seen) {
    out.push_back(-100);  // a separator between tasks
    out.insert(out.end(), v.begin(), v.end());
  }
  out.push_back(-200);
  out.push_back(x->read());
  out.push_back(y->read());
  out.push_back(a->load());
  b.close();
  for (int v : b) out.push_back(v);
  return out;
}

inline std::string describe(const Outcome& outcome) {
  std::string s;
  for (int v : outcome) {
    if (!s.empty()) s += ' ';
    s += v == -100 ? "|" : v == -200 ? "||" : std::to_string(v);
  }
  return s;
}

}  // namespace weft::testing

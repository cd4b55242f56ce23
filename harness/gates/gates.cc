#include "gates.h"

#include <chrono>
#include <memory>
#include <vector>

#include "weft/harness/program.h"
#include "weft/weft.h"

namespace weft::gates {

void counter(int tasks, int rounds) {
  auto mu = std::make_shared<Mutex>();
  auto x = std::make_shared<var<int>>(0);
  std::vector<chan<empty>> done;
  for (int t = 0; t < tasks; ++t) {
    auto d = make_chan<empty>();
    done.push_back(d);
    go([mu, x, d, rounds] {
      for (int r = 0; r < rounds; ++r) {
        mu->lock();
        x->write(x->read() + 1);
        mu->unlock();
      }
      d.send({});
    });
  }
  for (auto& d : done) d.recv();
  check(x->read() == tasks * rounds, "every increment counted");
}

void ainc(int tasks) {
  auto n = std::make_shared<atomic<int>>(0);
  auto wg = std::make_shared<WaitGroup>();
  wg->add(tasks);
  for (int t = 0; t < tasks; ++t) {
    go([n, wg] {
      n->fetch_add(1);
      wg->done();
    });
  }
  wg->wait();
  check(n->load() == tasks, "every fetch_add counted");
}

void own_vars(int tasks) {
  std::vector<std::shared_ptr<var<int>>> vars;
  auto wg = std::make_shared<WaitGroup>();
  wg->add(tasks);
  for (int t = 0; t < tasks; ++t) {
    auto v = std::make_shared<var<int>>(0);
    vars.push_back(v);
    go([v, wg, t] {
      v->write(t);
      wg->done();
    });
  }
  wg->wait();
}

void buffered_senders(int tasks) {
  auto ch = make_chan<int>(tasks);
  auto wg = std::make_shared<WaitGroup>();
  wg->add(tasks);
  for (int t = 0; t < tasks; ++t) {
    go([ch, wg, t] {
      ch.send(t);
      wg->done();
    });
  }
  wg->wait();
  int sum = 0;
  for (int t = 0; t < tasks; ++t) sum += ch.recv().value;
  check(sum == tasks * (tasks - 1) / 2, "every value received once");
}

void select_two_ready() {
  auto a = make_chan<int>(1);
  auto b = make_chan<int>(1);
  a.send(1);
  b.send(2);
  int got = 0;
  select(case_recv(a, [&](int v) { got = v; }), case_recv(b, [&](int v) { got = v; }));
  check(got == 1 || got == 2, "one of the ready cases");
}

void lock_rounds(int rounds, bool with_unused_timer) {
  auto mu = std::make_shared<Mutex>();
  auto wg = std::make_shared<WaitGroup>();
  [[maybe_unused]] recv_only<time_point> timeout;
  if (with_unused_timer) timeout = after(std::chrono::hours(1));
  wg->add(2);
  for (int t = 0; t < 2; ++t) {
    go([mu, wg, rounds] {
      for (int r = 0; r < rounds; ++r) {
        mu->lock();
        mu->unlock();
      }
      wg->done();
    });
  }
  wg->wait();
}

void spawners(int tasks) {
  auto n = std::make_shared<atomic<int>>(0);
  auto m = std::make_shared<atomic<int>>(0);
  auto wg = std::make_shared<WaitGroup>();
  wg->add(2 * tasks);
  for (int t = 0; t < tasks; ++t) {
    go([n, m, wg, t] {
      n->fetch_add(1);
      go([n, m, wg, t] {
        auto own = make_chan<int>(1);
        own.send(1);
        (t == 0 ? n : m)->fetch_add(own.recv().value);
        wg->done();
      });
      wg->done();
    });
  }
  wg->wait();
  check(n->load() + m->load() == 2 * tasks, "every fetch_add counted");
}

std::uint64_t factorial(int n) {
  std::uint64_t f = 1;
  for (int i = 2; i <= n; ++i) f *= static_cast<std::uint64_t>(i);
  return f;
}

std::uint64_t counter_traces(int tasks, int rounds) {
  std::uint64_t r = factorial(tasks * rounds);
  for (int t = 0; t < tasks; ++t) r /= factorial(rounds);
  return r;
}

}  // namespace weft::gates

WEFT_PROGRAM(counter_2x2) { weft::gates::counter(2, 2); }
WEFT_PROGRAM(counter_3x2) { weft::gates::counter(3, 2); }
WEFT_PROGRAM(counter_4x2) { weft::gates::counter(4, 2); }
WEFT_PROGRAM(counter_5x2) { weft::gates::counter(5, 2); }
WEFT_PROGRAM(counter_4x3) { weft::gates::counter(4, 3); }
WEFT_PROGRAM(ainc_3) { weft::gates::ainc(3); }
WEFT_PROGRAM(ainc_5) { weft::gates::ainc(5); }
WEFT_PROGRAM(ainc_7) { weft::gates::ainc(7); }
WEFT_PROGRAM(own_vars_20) { weft::gates::own_vars(20); }
WEFT_PROGRAM(buffered_senders_5) { weft::gates::buffered_senders(5); }
WEFT_PROGRAM(select_two_ready) { weft::gates::select_two_ready(); }
WEFT_PROGRAM(lock_rounds_2x3) { weft::gates::lock_rounds(3, false); }
WEFT_PROGRAM(lock_rounds_after) { weft::gates::lock_rounds(3, true); }
WEFT_PROGRAM(lock_rounds_2x1) { weft::gates::lock_rounds(1, false); }
WEFT_PROGRAM(lock_rounds_2x2) { weft::gates::lock_rounds(2, false); }
WEFT_PROGRAM(spawners_2) { weft::gates::spawners(2); }
WEFT_PROGRAM(spawners_3) { weft::gates::spawners(3); }

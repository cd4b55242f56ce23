// The model checker at work: three small programs, each explored over every schedule.
//   1. a worker whose result nobody takes after a timeout: the worker leaks (in some schedules)
//   2. two tasks taking two locks in opposite orders: a deadlock (in some schedules)
//   3. the fixed worker (a buffered result channel): ok in every schedule
// Exits 0 when each verdict is the expected one.
#include <chrono>
#include <cstdio>

#include "weft/harness/explore.h"
#include "weft/weft.h"

using namespace std::chrono_literals;
using weft::harness::Verdict;

void timeout_worker(std::ptrdiff_t result_capacity) {
  auto result = weft::make_chan<int>(result_capacity);
  weft::go([result] { result.send(42); });  // unbuffered: blocks for ever if nobody receives
  weft::select(weft::case_recv(result), weft::case_recv(weft::after(1s)));
}

void lock_order_inversion() {
  weft::Mutex accounts, audit;
  weft::WaitGroup wg;
  wg.add(2);
  weft::go([&] {
    {
      weft::MutexLock a(accounts);
      weft::MutexLock b(audit);
    }
    wg.done();
  });
  weft::go([&] {
    {
      weft::MutexLock b(audit);
      // NOLINTNEXTLINE(weft-lock-order-inversion): the deadlock weft-explore finds here
      weft::MutexLock a(accounts);
    }
    wg.done();
  });
  wg.wait();
}

bool show(const char* title, Verdict expected, const weft::harness::Report& r) {
  std::printf("-- %s\n%s", title, r.to_string().c_str());
  const bool as_expected = r.verdict == expected;
  if (!as_expected) std::printf("UNEXPECTED: wanted %s\n", weft::harness::to_string(expected));
  std::printf("\n");
  return as_expected;
}

int main() {
  // The timeout may fire at any step, as it could in production: in the schedules where it
  // wins, nobody receives the worker's result and the worker blocks for ever.
  bool ok = true;
  ok &= show("1. a timeout that leaks its worker", Verdict::leak,
             weft::harness::explore([] { timeout_worker(0); }));
  ok &= show("2. lock order inversion", Verdict::deadlock,
             weft::harness::explore(lock_order_inversion));
  ok &= show("3. the worker with a buffered result channel", Verdict::ok,
             weft::harness::explore([] { timeout_worker(1); }));
  return ok ? 0 : 1;
}

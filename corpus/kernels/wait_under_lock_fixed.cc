// expect: ok
// vet: clean
// Fixed kernels/wait_under_lock: wait for the writers first, then lock to read what they wrote.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(wait_under_lock_fixed) {
  weft::Mutex mu;
  weft::var<int> rows{0};
  weft::WaitGroup writers;
  for (int i = 0; i < 2; ++i) {
    writers.add(1);
    weft::go([&] {
      mu.lock();
      rows.update([](int& r) { ++r; });
      mu.unlock();
      writers.done();
    });
  }
  writers.wait();
  mu.lock();
  weft::check(rows.read() == 2, "both rows written");
  mu.unlock();
}

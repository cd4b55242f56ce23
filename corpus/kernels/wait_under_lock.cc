// expect: deadlock
// vet: weft-blocking-under-lock
// Kernel (blocking, mixed): a flush holds the store's mutex while it waits on a WaitGroup for
// the writers, and each writer takes that mutex before it calls done().
// Bug: WaitGroup::wait under a lock the counted tasks need. Fix: wait after unlocking
// (kernels/wait_under_lock_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(wait_under_lock) {
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
  mu.lock();
  writers.wait();  // expect-warning: weft-blocking-under-lock
  mu.unlock();
}

// expect: deadlock
// vet: weft-lock-leak-on-path
// An early return on the error path leaves the mutex locked; the next caller waits for ever.
// (A MutexLock guard would have released it on every path.)
#include "weft/harness/program.h"
#include "weft/weft.h"

static bool store(weft::Mutex& mu, weft::var<int>& slot, int v) {
  mu.lock();
  if (v < 0) return false;  // expect-warning: weft-lock-leak-on-path
  slot.write(v);
  mu.unlock();
  return true;
}

WEFT_PROGRAM(lock_leak_on_early_return) {
  weft::Mutex mu;
  weft::var<int> slot{0};
  store(mu, slot, -1);
  store(mu, slot, 1);
}

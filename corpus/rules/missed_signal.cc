// expect: deadlock
// vet: clean
// Breaks "a Cond waits for a condition, not for a signal": the waiter does not check the
// condition first, so a signal sent before it waits is lost and it waits for ever.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(missed_signal) {
  weft::Mutex mu;
  weft::Cond ready(mu);
  weft::var<bool> loaded{false};
  weft::go([&] {
    mu.lock();
    loaded.write(true);
    mu.unlock();
    ready.signal();
  });
  mu.lock();
  ready.wait();  // the bug: `while (!loaded.read()) ready.wait();`
  mu.unlock();
}

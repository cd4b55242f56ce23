// expect: deadlock
// vet: clean
// Kernel (blocking, communication): a connection waits on a Cond for "ready" without checking a
// flag; the transport signals before the waiter has started waiting, and the signal is lost.
// Bug: waiting for a signal, not for a condition. Fix: a ready flag set under the lock, waited
// on in a loop (kernels/lost_wakeup_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(lost_wakeup) {
  weft::Mutex mu;
  weft::Cond ready(mu);
  weft::go([&ready] { ready.signal(); });  // the transport is up
  weft::sleep(std::chrono::milliseconds(5));  // the connection sets itself up meanwhile
  mu.lock();
  ready.wait();
  mu.unlock();
}

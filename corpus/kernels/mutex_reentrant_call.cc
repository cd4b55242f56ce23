// expect: deadlock
// vet: weft-double-lock
// Kernel (blocking, resource): a pod manager's update() holds its mutex and calls the public
// size(), which locks the same non-recursive mutex: the task deadlocks with itself.
// Bug: self-deadlock through a call. Fix: a size_locked() helper for callers that hold the
// lock (kernels/mutex_reentrant_call_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Manager {
  weft::Mutex mu;
  weft::var<int> pods{0};
  int size() {
    weft::MutexLock hold(mu);
    return pods.read();
  }
  void update() {
    weft::MutexLock hold(mu);
    if (size() < 10) pods.update([](int& n) { ++n; });  // expect-warning: weft-double-lock
  }
};
}  // namespace

WEFT_PROGRAM(mutex_reentrant_call) {
  Manager m;
  m.update();
}

// expect: panic
// vet: weft-unlock-unheld
// Kernel (non-blocking, misuse): a cache method holds its mutex with a guard (Go: defer
// mu.Unlock()) and also unlocks by hand before a slow call — the guard's unlock then panics.
// Bug: "unlock of unlocked mutex". Fix: no guard where the lock is released by hand, or no
// hand unlock (kernels/unlock_twice_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Cache {
  weft::Mutex mu;
  weft::var<int> hits{0};
  void refresh() {
    weft::MutexLock hold(mu);
    hits.write(0);
    mu.unlock();  // expect-warning: weft-unlock-unheld
  }
};
}  // namespace

WEFT_PROGRAM(unlock_twice) {
  Cache c;
  c.refresh();
}

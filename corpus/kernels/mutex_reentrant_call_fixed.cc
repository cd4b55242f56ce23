// expect: ok
// vet: clean
// Fixed kernels/mutex_reentrant_call: update() uses size_locked(), which expects the lock held.
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Manager {
  weft::Mutex mu;
  weft::var<int> pods{0};
  int size_locked() { return pods.read(); }  // mu held
  int size() {
    weft::MutexLock hold(mu);
    return size_locked();
  }
  void update() {
    weft::MutexLock hold(mu);
    if (size_locked() < 10) pods.update([](int& n) { ++n; });
  }
};
}  // namespace

WEFT_PROGRAM(mutex_reentrant_call_fixed) {
  Manager m;
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    m.update();
    wg.done();
  });
  m.update();
  wg.wait();
  weft::check(m.size() == 2, "both updates counted");
}

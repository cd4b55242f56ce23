// expect: deadlock
// vet: weft-double-lock
// Kernel (blocking, resource): a container store's List() holds the read lock and calls Get(),
// which takes the read lock again; a writer that queues in between blocks the second RLock.
// Bug: re-entrant RLock under Go's writer-preferring RWMutex. Fix: List calls an unlocked
// get_locked() helper (kernels/rwmutex_reentrant_rlock_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Store {
  weft::RWMutex mu;
  weft::var<int> items{1};
  int get() {
    mu.rlock();
    int v = items.read();
    mu.runlock();
    return v;
  }
  int list() {
    mu.rlock();
    items.read();  // some work while holding the read lock
    int v = get();  // expect-warning: weft-double-lock
    mu.runlock();
    return v;
  }
  void add() {
    mu.lock();
    items.update([](int& n) { ++n; });
    mu.unlock();
  }
};
}  // namespace

WEFT_PROGRAM(rwmutex_reentrant_rlock) {
  Store store;
  auto added = weft::make_chan<weft::empty>();
  weft::go([&store, added] {
    store.add();
    added.close();
  });
  store.list();
  added.recv();
}

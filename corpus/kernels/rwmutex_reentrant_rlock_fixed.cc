// expect: ok
// vet: clean
// Fixed kernels/rwmutex_reentrant_rlock: list() holds the read lock once and reads through a
// helper that assumes the lock is held.
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Store {
  weft::RWMutex mu;
  weft::var<int> items{1};
  int get_locked() { return items.read(); }  // mu held (read or write)
  int get() {
    mu.rlock();
    int v = get_locked();
    mu.runlock();
    return v;
  }
  int list() {
    mu.rlock();
    items.read();
    int v = get_locked();
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

WEFT_PROGRAM(rwmutex_reentrant_rlock_fixed) {
  Store store;
  auto added = weft::make_chan<weft::empty>();
  weft::go([&store, added] {
    store.add();
    added.close();
  });
  store.list();
  store.get();
  added.recv();
}

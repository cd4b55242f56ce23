// expect: race
// vet: clean
// Kernel (non-blocking, data race): a connection's close() sets `closed` under its mutex, but
// write() reads the flag without taking the mutex.
// Bug: a guarded field read outside its lock. Fix: read it under the lock
// (kernels/closed_flag_race_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Conn {
  weft::Mutex mu;
  weft::var<bool> closed{false};
  void close() {
    weft::MutexLock hold(mu);
    closed.write(true);
  }
  bool write() { return !closed.read(); }  // the bug: no lock
};
}  // namespace

WEFT_PROGRAM(closed_flag_race) {
  Conn c;
  auto finished = weft::make_chan<weft::empty>();
  weft::go([&c, finished] {
    c.close();
    finished.close();
  });
  c.write();
  finished.recv();
}

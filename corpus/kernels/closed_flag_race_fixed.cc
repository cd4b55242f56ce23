// expect: ok
// vet: clean
// Fixed kernels/closed_flag_race: write() reads the flag under the mutex.
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
  bool write() {
    weft::MutexLock hold(mu);
    return !closed.read();
  }
};
}  // namespace

WEFT_PROGRAM(closed_flag_race_fixed) {
  Conn c;
  auto finished = weft::make_chan<weft::empty>();
  weft::go([&c, finished] {
    c.close();
    finished.close();
  });
  c.write();
  finished.recv();
}

// expect: race
// vet: clean
// Kernel (non-blocking, data race): a client creates its connection on first use, checking a
// plain pointer; two first uses at once both see it missing and write it.
// Bug: unsynchronised lazy initialisation. Fix: Once (kernels/lazy_init_race_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Client {
  weft::var<int> connection{0};  // 0: not connected yet
  int conn() {
    if (connection.read() == 0) connection.write(42);
    return connection.read();
  }
};
}  // namespace

WEFT_PROGRAM(lazy_init_race) {
  Client c;
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      c.conn();
      wg.done();
    });
  }
  wg.wait();
}

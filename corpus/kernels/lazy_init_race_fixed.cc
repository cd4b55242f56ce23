// expect: ok
// vet: clean
// Fixed kernels/lazy_init_race: the first use initialises through a Once; every later use sees
// the connection because Once orders the write before their reads.
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Client {
  weft::Once connecting;
  weft::var<int> connection{0};
  int conn() {
    connecting.call([this] { connection.write(42); });
    return connection.read();
  }
};
}  // namespace

WEFT_PROGRAM(lazy_init_race_fixed) {
  Client c;
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      weft::check(c.conn() == 42, "connected");
      wg.done();
    });
  }
  wg.wait();
}

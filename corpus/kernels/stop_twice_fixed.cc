// expect: ok
// vet: clean
// Fixed kernels/stop_twice: stop() closes quit through a Once, so any number of calls is safe.
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Server {
  weft::chan<weft::empty> quit = weft::make_chan<weft::empty>();
  weft::Once stopping;
  void stop() {
    stopping.call([this] { quit.close(); });
  }
};
}  // namespace

WEFT_PROGRAM(stop_twice_fixed) {
  Server s;
  auto handled = weft::make_chan<weft::empty>();
  weft::go([&s, handled] {
    s.stop();
    handled.close();
  });
  s.stop();
  handled.recv();
}

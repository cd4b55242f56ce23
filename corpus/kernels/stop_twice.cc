// expect: panic
// vet: weft-channel-double-close
// Kernel (non-blocking, misuse): both the signal handler and the error path call stop(), which
// closes the quit channel — the second close panics.
// Bug: close of closed channel when shutdown has two triggers. Fix: close through a Once
// (kernels/stop_twice_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Server {
  weft::chan<weft::empty> quit = weft::make_chan<weft::empty>();
  void stop() { quit.close(); }  // expect-warning: weft-channel-double-close
};
}  // namespace

WEFT_PROGRAM(stop_twice) {
  Server s;
  auto handled = weft::make_chan<weft::empty>();
  weft::go([&s, handled] {
    s.stop();  // the signal handler
    handled.close();
  });
  s.stop();  // the error path
  handled.recv();
}

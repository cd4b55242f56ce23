// expect: race
// vet: clean
// Kernel (non-blocking, data race): a session's idle timer callback (Go: time.AfterFunc) resets
// the session's state while the request path writes it; the callback runs on its own task.
// Bug: state shared with a timer callback without a lock. Fix: both take the session's mutex
// (kernels/timer_callback_race_fixed.cc).
#include <chrono>

#include "weft/harness/program.h"
#include "weft/weft.h"

using namespace std::chrono_literals;

WEFT_PROGRAM(timer_callback_race) {
  weft::var<int> state{0};
  auto fired = weft::make_chan<weft::empty>(1);
  auto idle = weft::after_func(10ms, [&state, fired] {
    state.write(0);
    fired.send({});
  });
  state.write(1);  // a request arrives
  fired.recv();
}

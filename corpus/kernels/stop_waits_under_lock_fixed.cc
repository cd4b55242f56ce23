// expect: ok
// vet: clean
// Fixed kernels/stop_waits_under_lock: stop() closes quit and waits for the loop without
// holding the mutex the loop takes.
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Component {
  weft::Mutex mu;
  weft::var<int> ticks{0};
  weft::chan<weft::empty> quit = weft::make_chan<weft::empty>();
  weft::chan<weft::empty> exited = weft::make_chan<weft::empty>();

  void start() {
    weft::go([this] {
      for (;;) {
        mu.lock();
        ticks.update([](int& t) { ++t; });
        mu.unlock();
        if (weft::select(weft::case_recv(quit), weft::case_default([] {})) == 0) break;
      }
      exited.close();
    });
  }
  void stop() {
    quit.close();
    exited.recv();
  }
};
}  // namespace

WEFT_PROGRAM(stop_waits_under_lock_fixed) {
  Component c;
  c.start();
  c.stop();
}

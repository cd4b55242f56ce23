// expect: deadlock
// vet: weft-blocking-under-lock
// Kernel (blocking, mixed): stop() takes the component's mutex, signals the loop and waits for
// it to exit; the loop takes the same mutex on each iteration, so it never sees the signal.
// Bug: waiting for a task while holding a lock it needs. Fix: signal and wait after releasing
// the lock (kernels/stop_waits_under_lock_fixed.cc).
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
    weft::MutexLock hold(mu);
    quit.close();
    exited.recv();  // expect-warning: weft-blocking-under-lock
  }
};
}  // namespace

WEFT_PROGRAM(stop_waits_under_lock) {
  Component c;
  c.start();
  c.stop();
}

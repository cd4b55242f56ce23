// expect: ok
// vet: clean
// Fixed kernels/lost_wakeup: the transport sets a flag under the lock; the waiter waits for the
// flag in a loop, so an early signal is not needed.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(lost_wakeup_fixed) {
  weft::Mutex mu;
  weft::Cond ready(mu);
  weft::var<bool> is_ready{false};
  auto finished = weft::make_chan<weft::empty>();
  weft::go([&, finished] {
    mu.lock();
    is_ready.write(true);
    mu.unlock();
    ready.signal();
    finished.close();
  });
  weft::sleep(std::chrono::milliseconds(5));
  mu.lock();
  while (!is_ready.read()) ready.wait();
  mu.unlock();
  finished.recv();
}

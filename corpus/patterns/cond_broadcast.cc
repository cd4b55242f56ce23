// expect: ok
// vet: clean
// Cond broadcast: every waiter wakes when the button is clicked.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(cond_broadcast) {
  weft::Mutex mu;
  weft::Cond clicked(mu);
  weft::var<bool> pressed{false};
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      mu.lock();
      while (!pressed.read()) clicked.wait();
      mu.unlock();
      wg.done();
    });
  }
  mu.lock();
  pressed.write(true);
  mu.unlock();
  clicked.broadcast();
  wg.wait();
}

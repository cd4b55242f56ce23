// expect: ok
// vet: clean
// Cond signal: the consumer waits in a loop on its condition; the producer changes the
// condition under the lock, then signals.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(cond_signal) {
  weft::Mutex mu;
  weft::Cond ready(mu);
  weft::var<int> queued{0};
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    mu.lock();
    while (queued.read() == 0) ready.wait();
    queued.update([](int& q) { --q; });
    mu.unlock();
    wg.done();
  });
  mu.lock();
  queued.update([](int& q) { ++q; });
  mu.unlock();
  ready.signal();
  wg.wait();
}

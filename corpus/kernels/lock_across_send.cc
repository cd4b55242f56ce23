// expect: deadlock
// vet: weft-blocking-under-lock
// Kernel (blocking, mixed): a watcher publishes an event on an unbuffered channel while holding
// the cache lock; the event loop takes the cache lock before it receives the next event.
// Bug: a channel send under a mutex the receiver needs. Fix: copy what to send under the lock,
// unlock, then send (kernels/lock_across_send_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(lock_across_send) {
  weft::Mutex cache_mu;
  weft::var<int> cache{0};
  auto events = weft::make_chan<int>();
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {  // the watcher
    cache_mu.lock();
    cache.write(1);
    events.send(1);  // expect-warning: weft-blocking-under-lock
    cache_mu.unlock();
    wg.done();
  });
  cache_mu.lock();  // the event loop: reads the cache, then takes the next event
  int seen = cache.read();
  cache_mu.unlock();
  events.recv();
  wg.wait();
  (void)seen;
}

// expect: ok
// vet: clean
// Fixed kernels/lock_across_send: the watcher updates the cache under the lock and sends the
// event after unlocking.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(lock_across_send_fixed) {
  weft::Mutex cache_mu;
  weft::var<int> cache{0};
  auto events = weft::make_chan<int>();
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    cache_mu.lock();
    cache.write(1);
    cache_mu.unlock();
    events.send(1);
    wg.done();
  });
  cache_mu.lock();
  int seen = cache.read();
  cache_mu.unlock();
  int event = events.recv().value;
  wg.wait();
  weft::check(event == 1 && seen >= 0, "the event arrives");
}

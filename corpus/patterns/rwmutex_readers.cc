// expect: ok
// vet: clean
// RWMutex: readers share the lock, the writer has it alone.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(rwmutex_readers) {
  weft::RWMutex mu;
  weft::var<int> config{1};
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      mu.rlock();
      weft::check(config.read() >= 1, "a reader sees a whole value");
      mu.runlock();
      wg.done();
    });
  }
  mu.lock();
  config.write(2);
  mu.unlock();
  wg.wait();
}

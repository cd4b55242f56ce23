// expect: ok
// vet: clean
// Mutex: every increment of the shared counter happens in a critical section.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(mutex_counter) {
  weft::Mutex mu;
  weft::var<int> count{0};
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      weft::MutexLock hold(mu);
      count.update([](int& c) { ++c; });
      wg.done();
    });
  }
  wg.wait();
  weft::MutexLock hold(mu);
  weft::check(count.read() == 2, "no lost update");
}

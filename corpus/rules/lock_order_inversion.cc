// expect: deadlock
// vet: weft-lock-order-inversion
// Breaks "take locks in one global order": one task locks a then b, the other b then a; each
// can hold one and wait for the other.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(lock_order_inversion) {
  weft::Mutex a;
  weft::Mutex b;
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    a.lock();
    b.lock();
    b.unlock();
    a.unlock();
    wg.done();
  });
  b.lock();
  a.lock();  // expect-warning: weft-lock-order-inversion
  a.unlock();
  b.unlock();
  wg.wait();
}

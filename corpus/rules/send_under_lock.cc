// expect: deadlock
// vet: weft-blocking-under-lock
// Breaks "never block on a channel while holding a lock": the sender holds the mutex across an
// unbuffered send; the receiver must take the same mutex before it receives (and then holds it
// across the receive: both sides block under the lock).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(send_under_lock) {
  weft::Mutex mu;
  auto updates = weft::make_chan<int>();
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    mu.lock();
    updates.send(1);  // expect-warning: weft-blocking-under-lock
    mu.unlock();
    wg.done();
  });
  mu.lock();
  updates.recv();  // expect-warning: weft-blocking-under-lock
  mu.unlock();
  wg.wait();
}

// expect: panic
// vet: clean
// Kernel (non-blocking, misuse): shutdown closes the results channel as soon as the caller has
// read what it wanted, while a worker still has a result to send — "send on closed channel".
// Bug: the channel is closed by a task that does not own the sends. Fix: close it after every
// worker is done (a WaitGroup and a closer task) (kernels/close_before_workers_end_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(close_before_workers_end) {
  auto results = weft::make_chan<int>(2);
  for (int w = 0; w < 2; ++w) {
    weft::go([results, w] { results.send(w); });
  }
  results.recv();  // the first result is enough
  results.close();
}

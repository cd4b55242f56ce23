// expect: ok
// vet: clean
// Queuing: a buffered stage decouples a fast producer from a slow consumer.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(queuing) {
  auto done = weft::make_chan<weft::empty>();
  auto queued = weft::buffered(done, weft::generator(done, {1, 2, 3}), 2);
  int n = 0;
  for (int v : queued) n += v;
  weft::check(n == 6, "every value arrives");
  done.close();
}

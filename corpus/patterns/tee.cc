// expect: ok
// vet: clean
// tee: every value of one stream goes to two readers.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(tee) {
  auto done = weft::make_chan<weft::empty>();
  auto [a, b] = weft::tee(done, weft::generator(done, {1, 2}));
  for (int i = 0; i < 2; ++i) {
    weft::check(a.recv().value == b.recv().value, "both readers see the same value");
  }
  done.close();
}

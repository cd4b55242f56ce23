// expect: leak
// vet: clean
// tee sends each value to both outputs before it takes the next; when one reader stops and the
// done channel is never closed, tee blocks on that reader for ever (and so does its source).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(tee_reader_stops) {
  auto done = weft::make_chan<weft::empty>();
  auto [a, b] = weft::tee(done, weft::generator(done, {1, 2, 3}));
  a.recv();
  b.recv();
  a.recv();
  // the bug: return without done.close(); b's reader is gone
}

// expect: panic
// vet: weft-channel-double-close
// Breaks "close a channel once, and only its owner closes it": a cleanup path closes the
// channel the normal path has already closed — "close of closed channel".
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(double_close) {
  auto results = weft::make_chan<int>(1);
  results.send(1);
  results.close();
  bool failed = results.recv().value != 1;
  if (!failed) {
    results.close();  // expect-warning: weft-channel-double-close
  }
}

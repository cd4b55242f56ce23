// expect: panic
// vet: weft-send-after-close
// Breaks "never send after close": the producer closes to say it is done, then sends a late
// value — "send on closed channel".
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(send_after_close) {
  auto out = weft::make_chan<int>(2);
  out.send(1);
  out.close();
  out.send(2);  // expect-warning: weft-send-after-close
}

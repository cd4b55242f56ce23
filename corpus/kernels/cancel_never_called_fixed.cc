// expect: ok
// vet: clean
// Fixed kernels/cancel_never_called: the request cancels its context when it ends.
#include "weft/harness/program.h"
#include "weft/weft.h"

static void serve(const weft::context& parent) {
  auto [ctx, cancel] = weft::with_cancel(parent);
  weft::go([ctx] { ctx.done().recv(); });
  cancel();
}

WEFT_PROGRAM(cancel_never_called_fixed) { serve(weft::background()); }

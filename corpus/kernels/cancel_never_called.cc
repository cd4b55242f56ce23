// expect: leak
// vet: clean
// Kernel (blocking, communication): a request derives a cancelable context for its background
// refresher but never calls cancel, so the refresher outlives the request.
// Bug: the cancel function is dropped. Fix: call cancel when the request ends (Go: defer
// cancel()) (kernels/cancel_never_called_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

static void serve(const weft::context& parent) {
  auto [ctx, cancel] = weft::with_cancel(parent);
  weft::go([ctx] { ctx.done().recv(); });  // the refresher runs until ctx is done
}

WEFT_PROGRAM(cancel_never_called) { serve(weft::background()); }

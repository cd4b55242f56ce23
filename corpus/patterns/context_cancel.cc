// expect: ok
// vet: clean
// Context cancellation flows down: canceling the parent stops the child's worker.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(context_cancel) {
  auto [parent, cancel] = weft::with_cancel(weft::background());
  auto [child, cancel_child] = weft::with_cancel(parent);
  auto stopped = weft::make_chan<weft::context_error>(1);
  auto ctx = child;
  weft::go([ctx, stopped] {
    ctx.done().recv();
    stopped.send(ctx.err());
  });
  cancel();
  weft::check(stopped.recv().value == weft::context_error::canceled, "the child saw the cancel");
  cancel_child();
}

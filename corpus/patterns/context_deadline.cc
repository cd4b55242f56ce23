// expect: ok
// vet: clean
// A deadline bounds a slow call: the caller gives up when the context expires, and the worker,
// which watches the same context, stops too.
#include <chrono>

#include "weft/harness/program.h"
#include "weft/weft.h"

using namespace std::chrono_literals;

WEFT_PROGRAM(context_deadline) {
  auto [ctx, cancel] = weft::with_timeout(weft::background(), 10ms);
  auto answer = weft::make_chan<int>(1);  // room for the answer: the worker never blocks on it
  weft::go([ctx, answer] {
    if (weft::select(weft::case_recv(ctx.done()), weft::case_recv(weft::after(50ms))) == 1) {
      answer.send(42);
    }
  });
  weft::select(weft::case_recv(answer, [](int) {}), weft::case_recv(ctx.done()));
  cancel();
}

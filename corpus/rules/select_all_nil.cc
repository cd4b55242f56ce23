// expect: deadlock
// vet: weft-nil-channel-op
// A select whose every case is a nil channel can never proceed: the two inputs were disabled
// (set to nil, as the book does for drained inputs) before the loop noticed both were done.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(select_all_nil) {
  weft::chan<int> a;
  weft::chan<int> b;
  int got = 0;
  weft::select(weft::case_recv(a, [&](int v) { got = v; }),  // expect-warning: weft-nil-channel-op
               weft::case_recv(b, [&](int v) { got = v; }));
}

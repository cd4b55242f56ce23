// expect: deadlock
// vet: weft-nil-channel-op
// Breaks "make a channel before you use it": a default-constructed chan is nil, and a send on a
// nil channel blocks for ever.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(nil_channel_send) {
  weft::chan<int> results;
  weft::go([results] { results.recv(); });  // expect-warning: weft-nil-channel-op
  results.send(1);  // expect-warning: weft-nil-channel-op
}

// expect: deadlock
// vet: weft-channel-never-closed
// Breaks "the owner closes the channel when it is done writing": the producer returns without
// closing, and the consumer's range waits for a close that never comes.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(producer_never_closes) {
  auto values = weft::make_chan<int>();  // expect-warning: weft-channel-never-closed
  weft::go([values] {
    for (int i = 0; i < 3; ++i) values.send(i);
  });
  int sum = 0;
  for (int v : values) sum += v;
}

// expect: leak
// vet: clean
// Breaks the same rule from the other side: the consumer stops after two values, but the
// producer still has three to send on an unbuffered channel and no done case to give up on.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(consumer_stops_early) {
  auto values = weft::make_chan<int>();
  weft::go([values] {
    for (int i = 0; i < 5; ++i) values.send(i);
    values.close();
  });
  for (int v : values) {
    if (v == 1) break;
  }
}

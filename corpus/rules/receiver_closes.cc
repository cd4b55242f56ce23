// expect: panic
// vet: weft-channel-double-close
// Breaks "only the owner closes": the consumer closes the channel to say "enough", and the
// producer's next send panics — "send on closed channel".
#include "weft/harness/program.h"
#include "weft/weft.h"

static void consume_one(weft::chan<int> in) {
  in.recv();
  in.close();  // expect-warning: weft-channel-double-close
}

WEFT_PROGRAM(receiver_closes) {
  auto values = weft::make_chan<int>();
  auto finished = weft::make_chan<weft::empty>();
  weft::go([values, finished] {
    for (int i = 0; i < 2; ++i) values.send(i);
    finished.close();
  });
  consume_one(values);
  finished.recv();
}

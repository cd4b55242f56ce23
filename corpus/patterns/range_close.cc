// expect: ok
// vet: clean
// The owner creates the channel, sends, closes, and hands out a receive-only view; the consumer
// ranges until the close.
#include "weft/harness/program.h"
#include "weft/weft.h"

weft::recv_only<int> counter(int n) {
  auto out = weft::make_chan<int>();
  weft::go([out, n] {
    for (int i = 0; i < n; ++i) out.send(i);
    out.close();
  });
  return out;
}

WEFT_PROGRAM(range_close) {
  int sum = 0;
  for (int v : counter(3)) sum += v;
  weft::check(sum == 3, "0 + 1 + 2");
}

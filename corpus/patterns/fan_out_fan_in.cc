// expect: ok
// vet: clean
// Fan-out, fan-in: two workers square the stream, a merge joins their outputs.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(fan_out_fan_in) {
  auto done = weft::make_chan<weft::empty>();
  auto in = weft::generator(done, {1, 2, 3});
  auto workers = weft::fan_out(done, in, 2, [](int v) { return v * v; });
  int sum = 0;
  for (int v : weft::fan_in(done, workers)) sum += v;
  weft::check(sum == 14, "1 + 4 + 9");
  done.close();
}

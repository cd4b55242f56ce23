// expect: ok
// vet: clean
// A pipeline of stream stages, each stopping on done: generate, multiply, add.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(pipeline) {
  auto done = weft::make_chan<weft::empty>();
  auto ints = weft::generator(done, {1, 2, 3});
  auto doubled = weft::stream_stage(done, ints, [](int v) { return v * 2; });
  auto plus_one = weft::stream_stage(done, doubled, [](int v) { return v + 1; });
  int sum = 0;
  for (int v : plus_one) sum += v;
  weft::check(sum == 15, "3 + 5 + 7");
  done.close();
}

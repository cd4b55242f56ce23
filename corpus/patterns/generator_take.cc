// expect: ok
// vet: clean
// Generators: repeat values for ever, take the first few, then stop both with done.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(generator_take) {
  auto done = weft::make_chan<weft::empty>();
  int count = 0;
  for (int v : weft::take(done, weft::repeat(done, {1}), 3)) count += v;
  weft::check(count == 3, "three ones");
  done.close();
}

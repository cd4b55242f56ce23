// expect: leak
// vet: weft-task-never-stops
// Breaks "a producer must stop when its consumer stops": the generator sends for ever and has
// no done channel, so once the consumer has taken what it needs, the generator blocks for good.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(generator_without_done) {
  auto numbers = weft::make_chan<int>();
  weft::go([numbers] {  // expect-warning: weft-task-never-stops
    for (int i = 0;; ++i) numbers.send(i);
  });
  for (int i = 0; i < 3; ++i) numbers.recv();
}

// expect: race
// vet: clean
// Breaks confinement: the owner hands the buffer to a worker and keeps writing it, so two tasks
// touch the same data with nothing ordering them.
#include <memory>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(confinement_escaped) {
  auto buffer = std::make_shared<weft::var<int>>(0);
  auto done = weft::make_chan<weft::empty>();
  weft::go([buffer, done] {
    buffer->write(1);
    done.close();
  });
  buffer->write(2);  // the owner still writes: it gave the buffer away above
  done.recv();
}

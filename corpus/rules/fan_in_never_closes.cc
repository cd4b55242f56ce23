// expect: deadlock
// vet: weft-channel-never-closed
// Breaks "the merge closes its output when every input is drained": the fan-in forwards both
// streams but nothing closes the merged channel (the book uses a WaitGroup and a closer task),
// so the consumer's range never ends.
#include <vector>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(fan_in_never_closes) {
  auto done = weft::make_chan<weft::empty>();
  std::vector<weft::recv_only<int>> inputs{weft::generator(done, {1}), weft::generator(done, {2})};
  auto merged = weft::make_chan<int>();  // expect-warning: weft-channel-never-closed
  for (auto in : inputs) {
    weft::go([in, merged] {
      for (int v : in) merged.send(v);
    });
  }
  int sum = 0;
  for (int v : merged) sum += v;
  done.close();
}

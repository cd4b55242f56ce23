// expect: ok
// vet: clean
// The or-channel: one done signal that fires when any of several fires.
#include <vector>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(or_channel) {
  auto a = weft::make_chan<weft::empty>();
  auto b = weft::make_chan<weft::empty>();
  auto any = weft::or_channel(std::vector<weft::recv_only<weft::empty>>{a, b});
  b.close();
  any.recv();
  a.close();  // lets the other watcher end too
}

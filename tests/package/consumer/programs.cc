// A consumer's programs for its weft-explore command (weft_explore_executable).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(handoff) {
  auto ch = weft::make_chan<int>(1);
  weft::go([ch] { ch.send(42); });
  weft::check(ch.recv().value == 42, "the value arrives");
}

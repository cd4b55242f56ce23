// expect: deadlock
// vet: clean
// Breaks "every add is matched by a done on every path": a worker returns early on bad input
// without calling done, so wait() never returns. (Call done first thing, in a scope guard.)
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(waitgroup_missing_done) {
  weft::WaitGroup wg;
  for (int input : {1, -1}) {
    wg.add(1);
    weft::go([&wg, input] {
      if (input < 0) return;  // the bug: no wg.done() on this path
      wg.done();
    });
  }
  wg.wait();
}

// expect: panic
// vet: clean
// A task calls done twice (once on its error path, once at its end) — "sync: negative
// WaitGroup counter".
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(waitgroup_negative) {
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&wg] {
    bool failed = true;
    if (failed) wg.done();
    wg.done();
  });
  wg.wait();
}

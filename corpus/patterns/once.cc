// expect: ok
// vet: clean
// Once: two tasks race to initialise; exactly one runs the initialiser and both see its result.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(once) {
  weft::Once once;
  weft::var<int> inits{0};
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      once.call([&] { inits.update([](int& n) { ++n; }); });
      weft::check(inits.read() == 1, "the initialiser ran exactly once, before call returned");
      wg.done();
    });
  }
  wg.wait();
}

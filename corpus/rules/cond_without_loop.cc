// expect: assertion
// vet: clean
// Breaks "always wait on a Cond in a loop": a consumer that waits with `if` is woken for an item
// that another consumer, arriving meanwhile, has already taken — and takes one that is not there.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(cond_without_loop) {
  weft::Mutex mu;
  weft::Cond nonempty(mu);
  weft::var<int> items{0};
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      mu.lock();
      if (items.read() == 0) nonempty.wait();  // the bug: `while`, not `if`
      weft::check(items.read() > 0, "there is an item to take");
      items.update([](int& n) { --n; });
      mu.unlock();
      wg.done();
    });
  }
  for (int i = 0; i < 2; ++i) {
    mu.lock();
    items.update([](int& n) { ++n; });
    mu.unlock();
    nonempty.signal();
  }
  wg.wait();
}

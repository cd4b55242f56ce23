// expect: ok
// vet: clean
// A buffered channel as a counting semaphore: at most two tasks in the section at once.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(buffered_semaphore) {
  auto slots = weft::make_chan<weft::empty>(2);
  weft::atomic<int> inside{0};
  weft::WaitGroup wg;
  for (int i = 0; i < 3; ++i) {
    wg.add(1);
    weft::go([&] {
      slots.send({});
      weft::check(inside.fetch_add(1) < 2, "at most two inside");
      inside.fetch_sub(1);
      slots.recv();
      wg.done();
    });
  }
  wg.wait();
}

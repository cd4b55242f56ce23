// expect: ok
// vet: clean
// Preventing a task leak: the worker ranges over a channel that may never close, but it also
// watches done, which its creator closes when it no longer needs the worker.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(done_channel) {
  auto done = weft::make_chan<weft::empty>();
  auto strings = weft::chan<int>();  // nil: nobody ever sends
  auto terminated = weft::make_chan<weft::empty>();
  weft::go([done, strings, terminated] {
    for (bool running = true; running;) {
      weft::select(weft::case_recv(strings, [](int) {}),
                   weft::case_recv(done, [&] { running = false; }));
    }
    terminated.close();
  });
  done.close();
  terminated.recv();
}

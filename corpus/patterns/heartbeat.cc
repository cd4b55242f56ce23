// expect: ok
// vet: clean
// A worker reports progress on a heartbeat channel without ever blocking on it (a buffer of one
// and a default case), and stops on done.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(heartbeat) {
  auto done = weft::make_chan<weft::empty>();
  auto beats = weft::make_chan<weft::empty>(1);
  auto results = weft::make_chan<int>();
  weft::go([done, beats, results] {
    for (int i = 0;; ++i) {
      weft::select(weft::case_send(beats, weft::empty{}), weft::case_default([] {}));
      if (weft::select(weft::case_recv(done), weft::case_send(results, i)) == 0) break;
    }
    results.close();
  });
  beats.recv();
  results.recv();
  done.close();  // the worker's next select takes the done case
}

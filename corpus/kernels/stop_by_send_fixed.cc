// expect: ok
// vet: clean
// Fixed kernels/stop_by_send: closing the stop channel releases every worker.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(stop_by_send_fixed) {
  auto stop = weft::make_chan<weft::empty>();
  auto stopped = weft::make_chan<int>(2);
  for (int w = 0; w < 2; ++w) {
    weft::go([stop, stopped, w] {
      stop.recv();
      stopped.send(w);
    });
  }
  stop.close();
  stopped.recv();
  stopped.recv();
}

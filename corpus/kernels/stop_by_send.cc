// expect: leak
// vet: clean
// Kernel (blocking, communication): a shutdown sends one value on the stop channel, but two
// workers wait on it; one stops and the other waits for ever.
// Bug: a send wakes one receiver; a broadcast needs close. Fix: close the stop channel
// (kernels/stop_by_send_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(stop_by_send) {
  auto stop = weft::make_chan<weft::empty>();
  auto stopped = weft::make_chan<int>(2);
  for (int w = 0; w < 2; ++w) {
    weft::go([stop, stopped, w] {
      stop.recv();
      stopped.send(w);
    });
  }
  stop.send({});
  stopped.recv();
}

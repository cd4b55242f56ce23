// expect: ok
// vet: clean
// bridge: a channel of channels read as one stream.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(bridge) {
  auto done = weft::make_chan<weft::empty>();
  auto streams = weft::make_chan<weft::recv_only<int>>();
  weft::go([done, streams] {
    for (int i = 0; i < 2; ++i) {
      if (weft::select(weft::case_recv(done),
                       weft::case_send(streams, weft::generator(done, {i}))) == 0) {
        break;
      }
    }
    streams.close();
  });
  int sum = 0;
  for (int v : weft::bridge(done, weft::recv_only<weft::recv_only<int>>(streams))) sum += v;
  weft::check(sum == 1, "0 + 1");
  done.close();
}

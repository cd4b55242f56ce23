// expect: ok
// vet: clean
// Fixed kernels/subscriber_after_stop: a publisher gives up when the bus has quit.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(subscriber_after_stop_fixed) {
  auto events = weft::make_chan<int>();
  auto quit = weft::make_chan<weft::empty>();
  auto dispatcher_done = weft::make_chan<weft::empty>();
  weft::go([events, quit, dispatcher_done] {
    for (bool open = true; open;) {
      weft::select(weft::case_recv(events, [](int) {}),
                   weft::case_recv(quit, [&] { open = false; }));
    }
    dispatcher_done.close();
  });
  quit.close();
  dispatcher_done.recv();
  weft::go([events, quit] { weft::select(weft::case_send(events, 1), weft::case_recv(quit)); });
}

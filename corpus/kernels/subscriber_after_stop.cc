// expect: leak
// vet: weft-unbuffered-send-abandoned
// Kernel (blocking, communication): an event bus's dispatcher stops reading when the bus is
// closed, but a publisher still sends on the unbuffered events channel and blocks for ever.
// Bug: the send does not watch the bus's quit channel. Fix: publishers select on quit too
// (kernels/subscriber_after_stop_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(subscriber_after_stop) {
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
  weft::go([events] { events.send(1); });  // expect-warning: weft-unbuffered-send-abandoned
}

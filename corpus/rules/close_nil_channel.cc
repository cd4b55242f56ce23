// expect: panic
// vet: clean
// A shutdown path closes a channel field that was only made on the start path — "close of nil
// channel".
#include "weft/harness/program.h"
#include "weft/weft.h"

struct Server {
  weft::chan<weft::empty> quit;
  void start() { quit = weft::make_chan<weft::empty>(); }
  void stop() { quit.close(); }
};

WEFT_PROGRAM(close_nil_channel) {
  Server never_started;
  never_started.stop();
}

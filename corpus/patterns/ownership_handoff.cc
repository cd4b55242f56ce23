// expect: ok
// vet: clean
// Passing ownership through a channel: after the send, only the receiver touches the data.
#include <memory>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(ownership_handoff) {
  auto handoff = weft::make_chan<std::shared_ptr<weft::var<int>>>();
  auto finished = weft::make_chan<int>();
  weft::go([handoff, finished] {
    auto data = handoff.recv().value;
    data->update([](int& v) { v += 1; });
    finished.send(data->read());
  });
  auto data = std::make_shared<weft::var<int>>(41);
  data->write(41);
  handoff.send(std::move(data));  // from here on, the worker owns it
  weft::check(finished.recv().value == 42, "the worker's result");
}

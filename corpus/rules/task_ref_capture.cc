// expect: n/a
// vet: weft-task-ref-capture
// A task captures a local by reference and the function returns without waiting for it, so the
// task may use a dead object. The harness does not track object lifetimes; weft-vet does.
#include <string>

#include "weft/weft.h"

weft::recv_only<int> start_count(std::string text) {
  auto out = weft::make_chan<int>(1);
  weft::go([&text, out] { out.send(static_cast<int>(text.size())); });  // expect-warning: weft-task-ref-capture
  return out;
}

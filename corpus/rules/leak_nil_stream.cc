// expect: leak
// vet: clean
// Breaks "whoever starts a task must be able to stop it": the worker ranges over a stream that
// is nil (never made), so it blocks for ever and nothing can tell it to stop.
#include "weft/harness/program.h"
#include "weft/weft.h"

static weft::recv_only<weft::empty> do_work(weft::recv_only<int> strings) {
  auto completed = weft::make_chan<weft::empty>();
  weft::go([strings, completed] {
    for ([[maybe_unused]] int s : strings) {
    }
    completed.close();
  });
  return completed;
}

WEFT_PROGRAM(leak_nil_stream) { do_work(weft::recv_only<int>{}); }

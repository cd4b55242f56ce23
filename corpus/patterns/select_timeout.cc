// expect: ok
// vet: clean
// A select with a timeout, and a result channel with room for the late answer, so the worker
// never blocks when the caller has stopped waiting.
#include <chrono>

#include "weft/harness/program.h"
#include "weft/weft.h"

using namespace std::chrono_literals;

WEFT_PROGRAM(select_timeout) {
  auto result = weft::make_chan<int>(1);
  weft::go([result] { result.send(7); });
  weft::select(weft::case_recv(result, [](int v) { weft::check(v == 7, "the answer"); }),
               weft::case_recv(weft::after(1s)));
}

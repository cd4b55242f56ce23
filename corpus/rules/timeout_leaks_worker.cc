// expect: leak
// vet: weft-unbuffered-send-abandoned
// Breaks "a task must be able to finish when its caller gives up": the result channel is
// unbuffered, so when the timeout wins, the worker blocks for ever on its send.
#include <chrono>

#include "weft/harness/program.h"
#include "weft/weft.h"

using namespace std::chrono_literals;

WEFT_PROGRAM(timeout_leaks_worker) {
  auto result = weft::make_chan<int>();  // the fix: make_chan<int>(1)
  weft::go([result] {
    result.send(42);  // expect-warning: weft-unbuffered-send-abandoned
  });
  weft::select(weft::case_recv(result, [](int) {}), weft::case_recv(weft::after(10ms)));
}

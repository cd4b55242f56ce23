// expect: ok
// vet: clean
// Fixed kernels/result_timeout_leak: the result channel has room for the one late answer.
#include <chrono>

#include "weft/harness/program.h"
#include "weft/weft.h"

using namespace std::chrono_literals;

static int handle(int request) {
  auto result = weft::make_chan<int>(1);
  weft::go([result, request] { result.send(request * 2); });
  int answer = -1;
  weft::select(weft::case_recv(result, [&](int v) { answer = v; }),
               weft::case_recv(weft::after(100ms)));
  return answer;
}

WEFT_PROGRAM(result_timeout_leak_fixed) { handle(21); }

// expect: leak
// vet: weft-unbuffered-send-abandoned
// Kernel (blocking, communication): a request handler runs the call in a task and waits for its
// result or a timeout; when the timeout wins, the task blocks for ever on the unbuffered send.
// Bug: nobody will ever receive the late result. Fix: give the result channel a buffer of one
// (kernels/result_timeout_leak_fixed.cc).
#include <chrono>

#include "weft/harness/program.h"
#include "weft/weft.h"

using namespace std::chrono_literals;

static int handle(int request) {
  auto result = weft::make_chan<int>();
  weft::go([result, request] {
    result.send(request * 2);  // expect-warning: weft-unbuffered-send-abandoned
  });
  int answer = -1;
  weft::select(weft::case_recv(result, [&](int v) { answer = v; }),
               weft::case_recv(weft::after(100ms)));
  return answer;
}

WEFT_PROGRAM(result_timeout_leak) { handle(21); }

// expect: leak
// vet: weft-task-never-stops
// Breaks "a long-lived task needs a way to be told to stop": the worker's for-select has cases
// for jobs and a tick but none for done, so it outlives everything.
#include <chrono>

#include "weft/harness/program.h"
#include "weft/weft.h"

using namespace std::chrono_literals;

WEFT_PROGRAM(worker_loop_without_done) {
  auto jobs = weft::make_chan<int>();
  weft::go([jobs] {  // expect-warning: weft-task-never-stops
    for (;;) {
      weft::select(weft::case_recv(jobs, [](int) {}),
                   weft::case_recv(weft::after(1h), [] {}));
    }
  });
  jobs.send(1);
}

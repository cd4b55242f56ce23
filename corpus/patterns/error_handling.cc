// expect: ok
// vet: clean
// Error handling: a worker sends results that carry their error, and the task that has the
// whole picture decides what to do (here: stop after too many errors).
#include <string>

#include "weft/harness/program.h"
#include "weft/weft.h"

struct Result {
  int value = 0;
  std::string error;
};

WEFT_PROGRAM(error_handling) {
  auto done = weft::make_chan<weft::empty>();
  auto results = weft::make_chan<Result>();
  weft::go([done, results] {
    for (int input : {1, -1, 2, -2, -3}) {
      Result r = input < 0 ? Result{0, "negative input"} : Result{input * 10, ""};
      if (weft::select(weft::case_recv(done), weft::case_send(results, r)) == 0) break;
    }
    results.close();
  });
  int errors = 0;
  for (const Result& r : results) {
    if (!r.error.empty() && ++errors >= 2) break;
  }
  done.close();  // the worker stops even though we left early
  weft::check(errors == 2, "stopped at the second error");
}

// expect: ok
// vet: clean
// Fixed kernels/close_before_workers_end: a closer task closes results after every worker's
// done(); the caller may stop reading early because the buffer holds every result.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(close_before_workers_end_fixed) {
  auto results = weft::make_chan<int>(2);
  auto wg = std::make_shared<weft::WaitGroup>();
  for (int w = 0; w < 2; ++w) {
    wg->add(1);
    weft::go([results, wg, w] {
      results.send(w);
      wg->done();
    });
  }
  weft::go([results, wg] {
    wg->wait();
    results.close();
  });
  results.recv();
}

// expect: ok
// vet: clean
// Fixed kernels/close_skipped_on_error: the error path closes the output too.
#include <vector>

#include "weft/harness/program.h"
#include "weft/weft.h"

static weft::recv_only<int> stream(std::vector<int> records) {
  auto out = weft::make_chan<int>();
  weft::go([out, records] {
    for (int r : records) {
      if (r < 0) break;  // a bad record ends the stream
      out.send(r);
    }
    out.close();
  });
  return out;
}

WEFT_PROGRAM(close_skipped_on_error_fixed) {
  int sum = 0;
  for (int v : stream({1, -1, 2})) sum += v;
  weft::check(sum == 1, "the records before the bad one");
}

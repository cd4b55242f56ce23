// expect: ok
// vet: clean
// The for-select loop: send each value unless told to stop; the loop ends on done.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(for_select) {
  auto done = weft::make_chan<weft::empty>();
  auto out = weft::make_chan<int>();
  weft::go([done, out] {
    for (int i = 0;; ++i) {
      if (weft::select(weft::case_recv(done), weft::case_send(out, i)) == 0) return;
    }
  });
  weft::check(out.recv().value == 0, "the first value is 0");
  weft::check(out.recv().value == 1, "the second value is 1");
  done.close();
}

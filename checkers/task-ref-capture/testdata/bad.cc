#include "weft/weft.h"

void tally(weft::chan<int> in) {
  int total = 0;
  weft::go([&] {  // expect-warning: weft-task-ref-capture
    for (int v : in) total += v;
  });
}

void explicit_capture() {
  std::string name = "w";
  weft::go([&name] { name += "!"; });  // expect-warning: weft-task-ref-capture
}

void param_captured(int limit) {
  weft::go([&limit] { (void)limit; });  // expect-warning: weft-task-ref-capture
}

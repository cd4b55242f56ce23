// expect: ok
// vet: clean
// Lexical confinement: each task owns one slice of the data and writes only there; the owner
// reads the results after every task is done, so nothing is shared while tasks run.
#include <array>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(confinement) {
  std::array<weft::var<int>, 3> squares;
  weft::WaitGroup wg;
  for (int i = 0; i < 3; ++i) {
    wg.add(1);
    weft::go([&squares, &wg, i] {
      squares[i].write(i * i);  // only task i touches squares[i]
      wg.done();
    });
  }
  wg.wait();
  weft::check(squares[0].read() + squares[1].read() + squares[2].read() == 5, "0 + 1 + 4");
}

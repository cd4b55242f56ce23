// A producer that forgets to close its channel, and a consumer that ranges over it: once the
// values are consumed, the consumer waits for ever and so does main. As Go does ("all goroutines are asleep -
// deadlock!"), the runtime notices, prints each blocked task's wait site and exits with status 2
// instead of hanging. The fix is one line: `out.close()` after the loop. (weft-vet reports this
// bug before it runs: weft-channel-never-closed.)
#include <cstdio>

#include "weft/weft.h"

int main() {
  return weft::run([] {
    auto out = weft::make_chan<int>();  // NOLINT(weft-channel-never-closed): the bug shown
    weft::go([out] {
      for (int i = 1; i <= 3; ++i) out.send(i * i);
      // out.close();   <- forgotten: the range below never ends
    });
    int sum = 0;
    for (int v : out) {
      sum += v;
      std::printf("received %d (sum %d)\n", v, sum);
    }
    std::printf("never printed: the range ends only when the channel is closed\n");
    return 0;
  });
}

// A consumer's program on weft's threads runtime: a generator and a squarer, printing the sum.
#include <cstdio>

#include "weft/version.h"
#include "weft/weft.h"

int main() {
  auto numbers = weft::make_chan<int>();
  weft::go([numbers] {
    for (int i = 1; i <= 10; ++i) numbers.send(i);
    numbers.close();
  });
  int sum = 0;
  for (int n : numbers) sum += n * n;
  std::printf("weft %s: sum of squares 1..10 = %d\n", WEFT_VERSION_STRING, sum);
  return sum == 385 ? 0 : 1;
}

#include <future>

int work() { return 1; }

void bad() {
  std::async(std::launch::async, work);  // expect-warning: weft-async-discarded
  (void)std::async(std::launch::async, [] { return work(); });  // expect-warning: weft-async-discarded
  std::async(work);  // expect-warning: weft-async-discarded
  for (int i = 0; i < 3; ++i) std::async(std::launch::async, work);  // expect-warning: weft-async-discarded
}

// expect: ok
// vet: clean
// Pool: tasks borrow buffers and give them back; a buffer is used by one task at a time.
#include <memory>
#include <vector>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(pool) {
  weft::Pool<std::shared_ptr<std::vector<int>>> buffers(
      [] { return std::make_shared<std::vector<int>>(); });
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&, i] {
      auto buffer = buffers.get();
      buffer->assign(1, i);
      weft::check(buffer->front() == i, "no other task wrote into our buffer");
      buffers.put(buffer);
      wg.done();
    });
  }
  wg.wait();
}

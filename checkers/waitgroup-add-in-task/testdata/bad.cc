#include <memory>
#include <thread>
#include <vector>

#include "weft/weft.h"

void run(int);

void bad(const std::vector<int>& jobs) {
  weft::WaitGroup wg;
  for (int job : jobs) {
    weft::go([&wg, job] {
      wg.add(1);  // expect-warning: weft-waitgroup-add-in-task
      run(job);
      wg.done();
    });
  }
  wg.wait();
}

void shared_group() {
  auto wg = std::make_shared<weft::WaitGroup>();
  std::thread t([wg] {
    wg->add(1);  // expect-warning: weft-waitgroup-add-in-task
    wg->done();
  });
  wg->wait();
  t.join();
}

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

void add_in_task_that_starts_an_unrelated_one() {
  weft::WaitGroup wg;
  auto other = std::make_shared<weft::WaitGroup>();
  weft::go([&wg, other] {
    wg.add(1);  // expect-warning: weft-waitgroup-add-in-task
    other->add(1);
    weft::go([other] { other->done(); });  // counts `other`, not `wg`
    wg.done();
  });
  wg.wait();
  other->wait();
}

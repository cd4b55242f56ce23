#include <memory>
#include <vector>

#include "weft/weft.h"

void run(int);

void ok(const std::vector<int>& jobs) {
  weft::WaitGroup wg;
  for (int job : jobs) {
    wg.add(1);
    weft::go([&wg, job] {
      run(job);
      wg.done();
    });
  }
  wg.wait();
}

void own_group_inside_task() {
  weft::WaitGroup outer;
  outer.add(1);
  weft::go([&outer] {
    weft::WaitGroup inner;  // the task's own
    inner.add(1);
    weft::go([&inner] { inner.done(); });
    inner.wait();
    outer.done();
  });
  outer.wait();
}

void helper_lambda() {
  weft::WaitGroup wg;
  auto add_one = [&wg] { wg.add(1); };  // not a task
  add_one();
  wg.done();
  wg.wait();
}

void add_for_a_task_started_inside_a_task() {
  weft::WaitGroup parents;
  auto children = std::make_shared<weft::WaitGroup>();
  parents.add(1);
  weft::go([&parents, children] {
    children->add(1);  // for the task it starts next, as Go's add-then-go
    weft::go([children] { children->done(); });
    parents.done();
  });
  parents.wait();
  children->wait();
}

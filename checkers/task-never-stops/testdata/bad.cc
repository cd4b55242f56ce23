#include <thread>

#include "weft/weft.h"

int next_value();

void generator_without_done(weft::chan<int> out) {
  weft::go([out] {  // expect-warning: weft-task-never-stops
    for (;;) out.send(next_value());
  });
}

void forwarder(weft::chan<int> in, weft::chan<int> out) {
  weft::go([in, out] {  // expect-warning: weft-task-never-stops
    while (true) {
      auto v = in.recv();
      out.send(v.value);
    }
  });
}

void worker_loop(weft::chan<int> jobs) {
  for (;;) {
    int job = jobs.recv().value;
    (void)job;
  }
}

void named_function(weft::chan<int> jobs) {
  weft::go(worker_loop, jobs);  // expect-warning: weft-task-never-stops
  std::thread(worker_loop, jobs).detach();  // expect-warning: weft-task-never-stops
}

// weft-idle-memory: the resident memory of N tasks that are alive and blocked (default 100,000),
// per task and in all, on the runtime WEFT_RUNTIME selects. Its Go twin is
// bench/peers/go/idlemem; scripts/bench prints the two side by side.
//
// Measured as the growth of the process's resident set (/proc/self/statm) from before the tasks
// start to when all are blocked, in a fresh process: stacks and control blocks, the channel
// each waits on, the run-time's bookkeeping.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "weft/weft.h"

namespace {

long resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0;
  long resident = 0;
  statm >> pages >> resident;
  return resident * ::sysconf(_SC_PAGESIZE);
}

}  // namespace

int main(int argc, char** argv) {
  long tasks = 100'000;
  if (argc > 1) {
    const std::string arg = argv[1];
    if (arg == "-h" || arg == "--help") {
      std::puts("usage: weft-idle-memory [TASKS]\n  Starts TASKS tasks (default 100000) that all "
                "block on one channel and prints the resident memory they add, per task and "
                "in all. WEFT_RUNTIME picks the runtime.");
      return 0;
    }
    char* end = nullptr;
    tasks = std::strtol(arg.c_str(), &end, 10);
    if (end == arg.c_str() || *end != '\0' || tasks < 1) {
      std::fprintf(stderr, "weft-idle-memory: TASKS must be a positive whole number, not '%s'\n",
                   arg.c_str());
      return 2;
    }
  }
  weft::run([tasks] {
    const long before = resident_bytes();
    auto gate = weft::make_chan<int>();
    weft::WaitGroup blocked;
    weft::WaitGroup exited;
    blocked.add(static_cast<int>(tasks));
    exited.add(static_cast<int>(tasks));
    for (long i = 0; i < tasks; ++i) {
      weft::go([gate, &blocked, &exited] {
        blocked.done();
        gate.recv();
        exited.done();
      });
    }
    blocked.wait();
    weft::sleep(std::chrono::milliseconds(50));  // the last ones reach their recv
    const long grown = resident_bytes() - before;
    std::printf("tasks %ld resident_bytes %ld bytes_per_task %.0f\n", tasks, grown,
                static_cast<double>(grown) / static_cast<double>(tasks));
    gate.close();
    exited.wait();
  });
  return 0;
}

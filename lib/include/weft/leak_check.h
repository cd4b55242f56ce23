// weft::LeakCheck — goleak for the production runtimes: did every task started during a test end?
//
//   TEST(Pipeline, StopsEarlyWithoutLeaks) {
//     weft::LeakCheck leaks;            // counts the tasks alive now
//     ... start a pipeline, read part of it, close done ...
//     EXPECT_EQ(leaks.leaked(), 0u);    // waits (up to 5 s) for stragglers to exit
//   }
//
// It counts tasks, so it needs no cooperation from them, but it cannot tell whose task leaked:
// use the model checker for where a leaked task is blocked.
#pragma once

#include <chrono>
#include <cstddef>
#include <thread>

#include "weft/rt/runtime.h"

namespace weft {

class LeakCheck {
 public:
  LeakCheck() : baseline_(rt::threads::live_tasks()) {}

  // Tasks started since construction that are still running after waiting up to `patience`
  // for them to finish (tasks that just got their stop signal need a moment to return).
  std::size_t leaked(std::chrono::milliseconds patience = std::chrono::seconds(5)) const {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    for (;;) {
      const std::size_t live = rt::threads::live_tasks();
      if (live <= baseline_ || std::chrono::steady_clock::now() >= deadline) {
        return live > baseline_ ? live - baseline_ : 0;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

 private:
  std::size_t baseline_;
};

}  // namespace weft

// ModelRuntime: the runtime seam implemented with fibers on one OS thread. It runs ONE
// execution of a program; the explorer (explore.cc) runs it again per schedule.
//
// The scheduler switches, the Schedule decides, the Execution remembers:
//   - every task is a fiber; a task runs until its next visible operation (point), a park, or
//     its end, and then control returns to the scheduler loop in run();
//   - at each step the Schedule picks which runnable task goes next, and which ready case a
//     select takes (choose);
//   - time is virtual: when no task can run, the earliest timer fires.
#pragma once

#include <boost/context/fiber.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "weft/harness/explore.h"
#include "weft/rt/runtime.h"

namespace weft::harness {

// The choices of one execution: replayed from a prefix, extended with 0s, remembered for
// backtracking. Invariant: pos <= decisions.size().
struct Schedule {
  struct Decision {
    std::size_t taken;
    std::size_t options;
  };
  std::vector<Decision> decisions;
  std::size_t pos = 0;

  std::size_t choose(std::size_t n);
  std::string token() const;
  static std::optional<Schedule> parse(const std::string& token);
};

class ModelRuntime final : public rt::Runtime {
 public:
  ModelRuntime(Schedule& schedule, const Options& options);
  ~ModelRuntime() override;

  // Runs the program as the main task until it and every task that can still run are done.
  Report run(const std::function<void()>& program);

  void spawn(rt::WorkPtr body, std::source_location where) override;
  void point(const rt::Op& op) override;
  rt::TaskRef self() override;
  void park(rt::Parking& parking, const rt::Op& waiting_on) override;
  void unpark(rt::Parking& parking) override;
  std::size_t choose(std::size_t n) override;
  rt::Time now() override { return now_; }
  rt::TimerId start_timer(rt::Time when, rt::WorkPtr fire) override;
  bool stop_timer(rt::TimerId id) override;
  void release(rt::SyncSlot&) override {}  // race detection: not yet
  void acquire(rt::SyncSlot&) override {}

 private:
  struct Task {
    int id;
    enum class State { runnable, blocked, done } state = State::runnable;
    rt::WorkPtr body;
    std::source_location spawned_at;
    boost::context::fiber fiber;
    rt::Parking* parked_on = nullptr;
    std::optional<rt::Op> waiting_on;
  };

  void yield();  // from a task: back to the scheduler
  void resume(Task& task);
  bool fire_next_timer();
  std::string describe(const rt::Op& op);
  void fail(Verdict verdict, std::string message);

  Schedule& schedule_;
  const Options& options_;
  std::vector<std::unique_ptr<Task>> tasks_;
  Task* current_ = nullptr;
  boost::context::fiber scheduler_;  // while a task runs: how to get back to the scheduler
  bool tearing_down_ = false;
  rt::Time now_;
  rt::TimerId last_timer_ = 0;
  std::map<std::pair<rt::Time, rt::TimerId>, rt::WorkPtr> timers_;
  std::unordered_map<rt::ObjectId, int> object_numbers_;
  std::size_t steps_ = 0;
  std::optional<Report> finding_;
  std::vector<std::string> trace_;
};

}  // namespace weft::harness

// ModelRuntime: the runtime seam implemented with fibers on one OS thread. It runs ONE
// execution of a program; the explorer (explore.cc) runs it again per schedule.
//
// The scheduler switches, the Schedule decides, the Execution remembers:
//   - every task is a fiber; a task runs until its next visible operation (point), a park, or
//     its end, and then control returns to the scheduler loop in run();
//   - at each step the Schedule picks which runnable task goes next (or that a pending timer
//     fires first), and which ready case a select takes (choose);
//   - time is virtual: when no task can run, the earliest timer fires;
//   - release/acquire and weft::var accesses feed HappensBefore, which reports data races.
#pragma once

#include <boost/context/fiber.hpp>

#include <csetjmp>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "fiber_stack.h"
#include "footprint.h"
#include "happens_before.h"
#include "schedule.h"
#include "weft/harness/explore.h"
#include "weft/rt/runtime.h"

namespace weft::harness {

class ModelRuntime final : public rt::Runtime {
 public:
  ModelRuntime(Schedule& schedule, const Options& options, StackPool& stacks);
  ~ModelRuntime() override;

  // Runs the program as the main task until it and every task that can still run are done.
  // Returns the finding (verdict ok if none) with the trace of this execution.
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
  void release(rt::SyncSlot& slot) override;
  void acquire(rt::SyncSlot& slot) override;

 private:
  struct Task {
    int id;
    int clock;  // its vector clock in happens_before_
    enum class State { runnable, blocked, done } state = State::runnable;
    rt::WorkPtr body;
    std::source_location spawned_at;
    boost::context::stack_context stack{};
    boost::context::fiber fiber;
    bool started = false;
    bool abandoned = false;
    bool timer = false;  // runs a timer's action (started by the scheduler, not by a task)  // called std::terminate: never resumed or unwound again
    rt::Parking* parked_on = nullptr;
    std::optional<rt::Op> waiting_on;
    Footprint next = Footprint::none();  // what its next step touches (a fresh task: nothing)
  };
  struct Sleeper {
    int task;
    Footprint next;
  };

  // Chooses who moves next among runnable (and a firing timer, if timer_may_fire); returns
  // runnable.size() for the timer, or nullopt when sleep sets prune the rest of the execution.
  std::optional<std::size_t> pick(const std::vector<Task*>& runnable, bool timer_may_fire);

  void yield();  // from a task: back to the scheduler
  void resume(Task& task);
  void abandon_overflowed(Task& task);
  void report_running_after_main();
  // std::terminate on a task's fiber (an exception out of a destructor or a noexcept function)
  // is a finding for that task, not the end of the process: the task is abandoned.
  static void on_terminate();
  [[noreturn]] void abandon_terminated(const std::string& what);
  void drop_abandoned(Task& task);
  bool fire_next_timer();
  std::string describe(const rt::Op& op);
  std::string number(rt::ObjectId id);  // " #3": objects numbered in order of first sight
  std::string name(const Task& task) const;
  std::string started_at(const Task& task) const;  // " (started at file:line)" or ""
  void note(const std::string& what);  // a trace line for the current task
  void fail(Verdict verdict, std::string message);
  void report_race(const Race& race);
  void report_blocked(bool main_done);

  Schedule& schedule_;
  const Options& options_;
  StackPool& stacks_;
  std::vector<std::unique_ptr<Task>> tasks_;
  Task* current_ = nullptr;
  boost::context::fiber scheduler_;  // while a task runs: how to get back to the scheduler
  sigjmp_buf overflow_jump_;         // where a stack overflow in a task lands
  bool running_on_ = false;   // the execution is over; tasks run on until they park or end
  bool tearing_down_ = false;  // parked tasks are being unwound
  std::terminate_handler previous_terminate_ = nullptr;
  static thread_local ModelRuntime* active_;  // the runtime whose tasks run on this thread
  rt::Time now_;
  rt::TimerId last_timer_ = 0;
  struct Timer {
    rt::WorkPtr fire;
    int clock;  // what the timer does when it fires happens after its start
  };
  std::map<std::pair<rt::Time, rt::TimerId>, Timer> timers_;
  int firing_clock_ = -1;  // while a timer fires: its clock
  std::vector<std::string> clock_names_;  // per clock: "task 3" or "a timer"
  int clock_of_current() const { return current_ ? current_->clock : firing_clock_; }
  std::unordered_map<rt::ObjectId, int> object_numbers_;
  HappensBefore happens_before_;
  std::size_t steps_ = 0;
  const bool use_sleep_sets_;
  std::vector<Sleeper> sleep_;  // tasks whose next step was explored from an earlier sibling
  std::vector<Sleeper> stepping_sleep_;  // sleep_ plus the siblings, during one step
  bool pruned_ = false;  // every option asleep: the rest repeats an explored execution
  std::optional<Report> finding_;
  std::vector<std::string> trace_;
};

}  // namespace weft::harness

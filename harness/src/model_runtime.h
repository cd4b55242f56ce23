// ModelRuntime: the runtime seam implemented with fibers on one OS thread. It runs ONE
// execution of a program; the explorer (explore.cc) runs it again per schedule.
//
// The scheduler switches, the Strategy decides, the execution remembers:
//   - every task is a fiber; a task runs until its next visible operation (point), a park, or
//     its end; then it runs on what its event woke, or ends the event and begins the next on
//     its own stack, and switches straight to the task that goes on (pass_on) — control
//     returns to the scheduler loop in run() only for a timer's firing, a task's end, or the
//     end of the execution;
//   - an EVENT is one task's pending operation and the task-local code after it, up to its
//     next point; at each event the Strategy picks which task at a point goes next (or that the
//     timer queue fires its earliest timer), and which ready case a select takes (choose);
//   - a task woken by an event, and a task just spawned, runs on at once, within that event,
//     to its next point (what it runs is task-local: the waker completed its operation). So
//     every task the strategy sees is at a point, and a blocking operation that was handed its
//     value ends alike whether it parked first or not (footprint.h relies on it);
//   - time is virtual: a pending timer may fire at any event (or, with synctest timers, only
//     when no task can run);
//   - release/acquire and weft::var accesses feed HappensBefore, which reports data races.
#pragma once

#include <boost/context/fiber.hpp>

#include <algorithm>
#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "fiber_stack.h"
#include "footprint.h"
#include "happens_before.h"
#include "path.h"
#include "slot_numbers.h"
#include "stable_names.h"
#include "strategy.h"
#include "trace.h"
#include "weft/harness/explore.h"
#include "weft/rt/runtime.h"

namespace weft::harness {

class ModelRuntime final : public rt::Runtime {
 public:
  ModelRuntime(Decider& strategy, const Options& options, StackPool& stacks);
  ~ModelRuntime() override;

  // Runs the program as the main task until it and every task that can still run are done.
  // Returns the finding (verdict ok if none) with the trace of this execution. One runtime
  // runs many executions, one after the other, reusing its memory.
  Report run(const std::function<void()>& program);
  // The choices this execution made (those with two or more options).
  const Path& path() const { return path_; }
  // The execution ended early: the strategy stopped it (redundant, or a replay that did not fit).
  bool stopped() const { return stopped_; }
  // It was stopped because a task ran up to the step bound while another, ready all along,
  // never ran: an unfair schedule, not a livelock.
  bool unfair() const { return unfair_; }
  // It met a try_lock while unlocks were no scheduling points (Options::release_points): the
  // search it belongs to must start again with them on to be complete.
  bool met_try_lock() const { return met_try_lock_; }
  // How often the execution picked another process while the one that ran last could go on.
  std::size_t preemptions() const { return preemptions_; }
  std::size_t events() const { return events_; }  // events the execution made
  // Record the steps and put them in the report (found or not). Off, an execution records
  // nothing: a search runs without, and replays a finding's path with it to show the trace.
  void trace(bool on) { tracing_ = on; }

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
  void made(rt::ObjectId object, std::source_location where) override {
    if (tracing_) trace_.made(object, where);
    if (naming_ && current_ != nullptr) names_.made(object, current_->process, current_->made++);
  }
  void named(rt::ObjectId object, std::string_view name) override {
    if (tracing_) trace_.named(object, name);
  }

 private:
  // Invariant: reuse() below gives every field the value it is initialised with here; a new
  // field is reset there too.
  struct Task {
    int id;  // its spawn number in this execution (tasks_[id]; reports say "task <id>")
    Process process;  // as the strategy knows it (id, or a stable name: stable_names.h)
    std::uint32_t children = 0;  // tasks it spawned so far
    std::uint32_t made = 0;      // objects it made so far (rt::made, timers)
    int clock;  // its vector clock in happens_before_
    enum class State { runnable, blocked, done } state = State::runnable;
    rt::WorkPtr body;
    std::source_location spawned_at;
    boost::context::stack_context stack{};
    // Kept from one execution to the next with its stack once a body ended in it (idle), so
    // the next task given this Task runs in it without a fiber being made and destroyed.
    boost::context::fiber fiber;
    bool idle = false;  // its fiber ended a body and waits for the next (state is done)
    bool started = false;
    bool abandoned = false;  // called std::terminate: never resumed or unwound again
    bool timer = false;  // runs a timer's action (started by the scheduler, not by a task)
    bool at_point = false;  // suspended at a visible operation (else: fresh, or woken)
    std::size_t steps = 0;  // steps it took this execution (events, operations that are no point)
    std::size_t ready_since = 0;  // all_steps_ when it last reached a point (a candidate)
    std::exception_ptr failure;  // what escaped its body, until resume() reports it
    rt::Parking* parked_on = nullptr;
    std::optional<rt::Op> waiting_on;
    Footprint next = Footprint::none();  // what its pending operation touches
    rt::Op pending{rt::OpKind::spawn};     // the operation itself (kept when tracing)

    // For a new task, a spare Task is as a new one, except that it keeps an idle fiber and
    // its stack. (Field by field: cheaper than building a Task and moving it in.)
    void reuse() {
      if (!idle) {
        fiber = boost::context::fiber{};
        stack = {};
      }
      state = State::runnable;
      body.reset();
      started = abandoned = timer = at_point = false;  // idle stays: until its fiber runs
      steps = ready_since = 0;
      children = made = 0;
      failure = nullptr;
      parked_on = nullptr;
      waiting_on.reset();
      next = Footprint::none();
      pending = rt::Op{rt::OpKind::spawn};
    }
  };

  Process process_of_current() const { return current_ ? current_->process : kTimerProcess; }
  // A new task's process: the current task's next spawn, or `timer`'s action.
  Process process_of_new_task(const std::uint64_t* timer);
  // What op touches, with objects by their stable names if naming_.
  Footprint footprint_of(const rt::Op& op) const {
    Footprint f = Footprint::of(op);
    if (naming_) f.rename([this](rt::ObjectId a) { return names_.object(a); });
    return f;
  }
  void reset();      // before an execution
  Report run_execution(const std::function<void()>& program);
  void run_events(const std::function<void()>& program);  // its loop: event after event
  void tear_down();  // after it: finish or unwind what is left of its tasks
  // Runs every task that is runnable but not at a point (woken or fresh) to its next point,
  // unless one of them ends the event in place (handoff_).
  void run_on();
  Task* next_to_run_on();  // the next task in run_on_ that is to run on (nullptr: none)
  // A task stops (at a point, or parked): it runs on the next task woken or started by the
  // event, or once there is none ends the event in place; else it yields to the scheduler.
  void pass_on();
  // One event: begin_event picks who makes it (false: nobody, the execution is over);
  // finish_event, once it and what it woke ran on, tells the strategy (false: stop here).
  bool begin_event();
  bool finish_event();
  // Where a task stopped, once the open event's woken and started tasks all ran on: ends that
  // event and begins the next on this task's stack, with no switch to the scheduler and back.
  // True: this task was picked (at once, or later after switching to the task picked) and
  // goes on; false: it yields (handoff_ says what the scheduler does next).
  bool step_in_place();
  static constexpr std::ptrdiff_t kInPlaceStack = 16 * 1024;  // stack left that it needs

  void yield();  // from a task: back to the scheduler
  // From a task that stops: straight to `next` (picked for the next event, at its point; or to
  // run on); the scheduler takes back whichever task yields to it.
  void switch_to(Task& next);
  void resume(Task& task);          // an overflow lands where the caller set the landing
  void resume_guarded(Task& task);  // with a landing of its own (off the hot path)
  void abandon_overflowed(Task& task);
  void report_failure(Task& task);  // the exception that ended a task, as a finding
  void report_running_after_main(std::size_t bound);
  static constexpr std::size_t kStepsAfterMain = 1'000;  // per task, once main returned
  // The steps a task may take (per execution; after main returned, from then on).
  std::size_t step_bound() const {
    return main_task_->state == Task::State::done
               ? std::min<std::size_t>(options_.max_steps, kStepsAfterMain)
               : options_.max_steps;
  }
  // std::terminate on a task's fiber (an exception out of a destructor or a noexcept function)
  // is a finding for that task, not the end of the process: the task is abandoned.
  static void on_terminate();
  [[noreturn]] void abandon_terminated(const std::string& what);
  void drop_abandoned(Task& task);
  bool fire_next_timer();
  std::string name(const Task& task) const;
  std::string started_at(const Task& task) const;  // " (started at file:line)" or ""
  void note(const std::string& what);  // a trace line for the current task
  void fail(Verdict verdict, std::string message);
  void report_race(const Race& race);
  void check_race(const rt::Op& op);  // a weft::var access: records it, reports a race
  std::string clock_name(int clock) const;  // "task 3" or "a timer"
  void report_blocked(bool main_done);

  Decider& strategy_;
  // The strategy follows dependences (DPOR): footprints are computed and edges reported.
  const bool dependences_;
  const bool naming_;  // processes and objects by stable names (the strategy needs them)
  StableNames names_;
  const Options& options_;
  StackPool& stacks_;
  std::vector<std::unique_ptr<Task>> tasks_;
  std::vector<std::unique_ptr<Task>> spare_tasks_;  // from earlier executions, for reuse
  std::vector<Task*> run_on_;  // woken or fresh: to run on to their next point
  std::size_t run_on_next_ = 0;  // run_on_[0, run_on_next_) were run on (or skipped)
  Task* main_task_ = nullptr;
  // The event in flight: who makes it, and the step bound it was checked against.
  struct Event {
    std::size_t picked = 0;  // index in candidates_
    Process process = 0;
    Task* stepping = nullptr;  // nullptr: the timer queue
    std::size_t bound = 0;
    bool over = false;  // its process is past the bound
    bool main_was_done = false;
  } event_;
  // The candidates of the event in flight, and each one's task (nullptr: the timer queue). The
  // strategy may keep a view of them until event_done.
  // Invariant: the first candidate_count_ entries of each are this event's.
  std::vector<Candidate> candidates_;
  std::vector<Task*> tasks_of_;
  std::size_t candidate_count_ = 0;
  std::span<const Candidate> candidates() const { return {candidates_.data(), candidate_count_}; }
  bool event_open_ = false;  // begin_event picked who makes it; finish_event not called yet
  // What a task that yielded after step_in_place asks of the scheduler: run the event it
  // began (next), or end the execution (end).
  enum class Handoff : std::uint8_t { none, next, end } handoff_ = Handoff::none;
  std::exception_ptr step_error_;  // thrown by the strategy during step_in_place
  Task* current_ = nullptr;
  boost::context::fiber scheduler_;  // while a task runs: how to get back to the scheduler
  sigjmp_buf overflow_jump_;         // where a stack overflow in a task lands
  bool running_on_ = false;   // the execution is over; tasks run on until they park or end
  bool tearing_down_ = false;  // parked tasks are being unwound
  static std::terminate_handler previous_terminate_;  // while any runtime lives
  static thread_local ModelRuntime* active_;  // the runtime whose tasks run on this thread
  rt::Time now_;
  rt::TimerId last_timer_ = 0;
  struct Timer {
    rt::WorkPtr fire;
    int clock;  // what the timer does when it fires happens after its start
    std::uint64_t name;  // (who started it) << 32 | (its ordinal among what they made)
  };
  // Pending timers in firing order: by deadline, then (for one deadline) by name, so that
  // which fires first does not hang on the order of two tasks' starts, which commute
  // (footprint.h). The id is what stop_timer finds a timer by.
  using TimerKey = std::tuple<rt::Time, std::uint64_t, rt::TimerId>;
  std::map<TimerKey, Timer> timers_;
  int firing_clock_ = -1;  // while a timer fires: its clock
  const std::uint64_t* spawning_timer_ = nullptr;  // while a timer's action is spawned: its name
  std::uint32_t outside_made_ = 0;  // timers started outside any task, this execution
  // Per clock: the task it is of, or kTimerClock (named only when a race is reported).
  static constexpr int kTimerClock = -1;
  std::vector<int> clock_owners_;
  int clock_of_current() const { return current_ ? current_->clock : firing_clock_; }
  HappensBefore happens_before_;
  SlotNumbers slot_numbers_;  // the SyncSlots this execution met, numbered
  std::size_t steps_ = 0;        // after the execution: points passed while tasks run on
  std::size_t timer_steps_ = 0;  // timer firings this execution
  std::size_t preemptions_ = 0;
  std::size_t events_ = 0;
  bool main_done_seen_ = false;  // the step counts restarted when main returned
  Process last_process_ = kTimerProcess - 1;  // none yet
  Task* last_task_ = nullptr;  // the task that made the last event (nullptr: none, or the timer)
  bool stopped_ = false;
  bool unfair_ = false;
  bool met_try_lock_ = false;
  std::size_t longest_wait_ = 0;  // the most steps a ready task waited before it ran
  std::size_t all_steps_ = 0;     // steps taken by every task (and the timer queue) so far
  bool tracing_ = false;
  Footprint touched_;  // what the event in flight touched so far
  bool widened_ = false;  // touched_ has more than the event's own operation
  const Footprint timer_firing_ = Footprint::timer_firing();
  Path path_;
  std::optional<Report> finding_;
  Trace trace_;
};

}  // namespace weft::harness

#include "model_runtime.h"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <exception>
#include <utility>


namespace weft::harness {

namespace ctx = boost::context;

namespace {
struct GiveUp {};  // thrown into a task that spins on after the execution is over
}  // namespace

thread_local ModelRuntime* ModelRuntime::active_ = nullptr;
std::terminate_handler ModelRuntime::previous_terminate_ = nullptr;

namespace {
std::mutex terminate_mutex;
int terminate_users = 0;
}  // namespace

ModelRuntime::ModelRuntime(Decider& strategy, const Options& options, StackPool& stacks)
    : strategy_(strategy),
      dependences_(strategy.follows_dependences()),
      naming_(strategy.follows_dependences() && strategy.process_table() != nullptr),
      names_(strategy.process_table()),
      options_(options),
      stacks_(stacks),
      now_(rt::Time(std::chrono::hours(1))) {
  active_ = this;
  // The terminate handler is the process's; runtimes may live on several threads at once
  // (--jobs). on_terminate finds its runtime through the thread's active_.
  std::lock_guard<std::mutex> hold(terminate_mutex);
  if (terminate_users++ == 0) previous_terminate_ = std::set_terminate(&ModelRuntime::on_terminate);
}

ModelRuntime::~ModelRuntime() {
  active_ = nullptr;
  std::lock_guard<std::mutex> hold(terminate_mutex);
  if (--terminate_users == 0) std::set_terminate(previous_terminate_);
}

void ModelRuntime::reset() {
  current_ = nullptr;
  running_on_ = false;
  tearing_down_ = false;
  now_ = rt::Time(std::chrono::hours(1));
  last_timer_ = 0;
  timers_.clear();
  firing_clock_ = -1;
  clock_owners_.clear();
  happens_before_.clear();
  slot_numbers_.next_execution();
  steps_ = 0;
  timer_steps_ = 0;
  preemptions_ = 0;
  events_ = 0;
  unfair_ = false;
  longest_wait_ = 0;
  all_steps_ = 0;
  main_done_seen_ = false;
  last_process_ = kTimerProcess - 1;
  last_task_ = nullptr;
  outside_made_ = 0;
  if (naming_) names_.clear_objects();
  stopped_ = false;
  met_try_lock_ = false;
  path_.taken.clear();
  path_.release_points = options_.release_points;
  finding_.reset();
  if (tracing_) trace_.clear();  // untouched while tracing is off (a search runs without)
  run_on_.clear();
  run_on_next_ = 0;
  event_open_ = false;
  handoff_ = Handoff::none;
  step_error_ = nullptr;
}

void ModelRuntime::tear_down() {
  // The execution is over (finished, found something, or pruned); tasks may still be alive.
  // 1. Tasks suspended at a visible operation run on, with every point a no-op, until each
  //    ends or parks: unwinding them where they stand could throw out of a destructor (a
  //    MutexLock's unlock is a point). Tasks that never started are not started.
  // 2. Parked fibers are unwound (Boost throws forced_unwind into them; park_in withdraws the
  //    waiter); whatever their destructors do must not schedule. Newest first: a task usually
  //    borrows from the task that started it (a WaitGroup or a Mutex on main's stack), so the
  //    borrower's destructors must run while the lender's stack still stands.
  // The model stays installed throughout: what these tasks do must not reach the threads
  // runtime.
  rt::ScopedRuntime installed(*this);
  running_on_ = true;
  for (bool again = true; again;) {
    again = false;
    for (std::size_t i = tasks_.size(); i-- > 0;) {  // resume may start tasks: no iterators
      Task& t = *tasks_[i];
      if (t.state == Task::State::runnable && t.started && t.fiber) {
        resume_guarded(t);
        again = true;
      }
    }
  }
  tearing_down_ = true;
  while (!tasks_.empty()) {
    std::unique_ptr<Task> t = std::move(tasks_.back());
    tasks_.pop_back();
    if (!t->idle) t->fiber = ctx::fiber{};  // a parked fiber is unwound here
    t->body.reset();
    spare_tasks_.push_back(std::move(t));
  }
}

void ModelRuntime::on_terminate() {
  ModelRuntime* self = active_;
  if (self == nullptr || self->current_ == nullptr || self->tearing_down_) {
    // Not on a task the scheduler can leave behind: the process ends as it would anyway.
    if (self != nullptr && self->previous_terminate_ != nullptr) self->previous_terminate_();
    std::abort();
  }
  std::string what = "no exception was active (std::terminate called directly)";
  if (std::exception_ptr e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& x) {
      what = std::string("'") + x.what() + "' was thrown where no exception may pass (a " +
             "destructor or a noexcept function)";
    } catch (...) {
      what = "an exception was thrown where none may pass (a destructor or a noexcept function)";
    }
    e = nullptr;
    // The C++ runtime caught the exception to call terminate; the task is never resumed to
    // finish that handling, so end it here and free the exception.
    abi::__cxa_end_catch();
  }
  self->abandon_terminated(what);
}

void ModelRuntime::abandon_terminated(const std::string& what) {
  Task& task = *current_;
  note("calls std::terminate");
  fail(Verdict::panic, name(task) + " called std::terminate: " + what);
  task.abandoned = true;
  yield();  // to the scheduler, which drops this task (drop_abandoned); never back here
  std::abort();
}

void ModelRuntime::drop_abandoned(Task& task) {
  // Its stack is left as it was at std::terminate: nothing on it is unwound or run again.
  static_cast<void>(new ctx::fiber(std::move(task.fiber)));
  static_cast<void>(task.body.release());
  stacks_.give_back(task.stack);
  task.state = Task::State::done;
}

Process ModelRuntime::process_of_new_task(const std::uint64_t* timer) {
  if (timer != nullptr) {
    return names_.process(static_cast<Process>(*timer >> 32),
                          static_cast<std::uint32_t>(*timer), true);
  }
  if (current_ == nullptr) return names_.process(kTimerProcess - 1, 0, false);  // main
  return names_.process(current_->process, current_->children++, false);
}

void ModelRuntime::spawn(rt::WorkPtr body, std::source_location where) {
  std::unique_ptr<Task> task;
  if (spare_tasks_.empty()) {
    task = std::make_unique<Task>();
  } else {
    task = std::move(spare_tasks_.back());
    spare_tasks_.pop_back();
    task->reuse();
  }
  task->id = static_cast<int>(tasks_.size());
  task->process = naming_ ? process_of_new_task(spawning_timer_) : task->id;
  task->clock = happens_before_.new_clock(clock_of_current());
  clock_owners_.resize(static_cast<std::size_t>(task->clock) + 1);
  clock_owners_[static_cast<std::size_t>(task->clock)] = task->id;
  task->body = std::move(body);
  task->spawned_at = where;
  Task* t = task.get();
  if (dependences_ && !tasks_.empty() && !running_on_ && !tearing_down_) {
    strategy_.spawned(process_of_current(), t->process);
  }
  // The fiber runs one body after another: between two, it waits idle (the Task is spare, or
  // given to a new task that has not been resumed yet). Unwinding it while idle ends it.
  if (!t->fiber) {
    t->fiber = ctx::fiber(
        std::allocator_arg, PooledStack{&stacks_, &t->stack}, [this, t](ctx::fiber&& back) {
          scheduler_ = std::move(back);
          for (;;) {
            t->idle = false;
            t->started = true;
            try {
              t->body->run();
            } catch (const ctx::detail::forced_unwind&) {
              throw;
            } catch (...) {
              // Reported by resume(), on the scheduler's stack: the stack below this frame
              // held the task's own frames, whose memory other tasks may still use (a
              // program's tasks that outlive main's WaitGroup), so nothing more runs here
              // than it must.
              t->failure = std::current_exception();
            }
            t->body.reset();
            t->state = Task::State::done;
            t->idle = true;
            // To the scheduler, not pass_on: the stack below this frame held the task's own
            // frames, whose memory other tasks may still use (main's WaitGroup), so nothing
            // more runs on it. Resumed again only with a new body.
            yield();
          }
          return std::move(scheduler_);  // never reached (the loop ends only by unwinding)
        });
  }
  tasks_.push_back(std::move(task));
  run_on_.push_back(t);
}

void ModelRuntime::point(const rt::Op& op) {
  // Timer actions run between steps; after the execution, tasks run on without stopping.
  if (current_ == nullptr || tearing_down_) return;
  if (running_on_) {
    // A task that spins for ever would never park or end: give up on it. (Thrown from a
    // point inside a destructor this would terminate; a spin inside a destructor is rare.)
    if (++steps_ > 2 * options_.max_steps) throw GiveUp{};
    return;
  }
  // Three kinds of operation are no scheduling point — no interleaving is lost — only a step
  // toward the task's bound (so a loop of them still ends in a finding), and a line of a trace:
  //   - a spawn touches nothing another task sees (the child starts within this event, after
  //     its parent's clock);
  //   - an unlock (of a Mutex or RWMutex, either side), unless Options::release_points: it
  //     commutes with every operation of another task but try_lock (footprint.h: a lock that
  //     comes first parks and is handed the lock by the unlock, and ends as if it came after),
  //     so moving every other task's step from between it and the point before it to before
  //     that point changes nothing. A try_lock would see the difference (a lock held across
  //     no point), so an execution that meets one says so (met_try_lock) and the search starts
  //     again with every unlock a point;
  //   - a weft::var access, while races are looked for: in an execution without a data race,
  //     accesses to one var are ordered by the synchronisation between them, so the order of
  //     the synchronising operations (which are points) fixes every value read; and an
  //     execution with a race is a finding wherever the scheduler switched (the race detector
  //     looks at happens-before, not at the interleaving). CHESS reduces the same way.
  const bool var_access = op.kind == rt::OpKind::var_read || op.kind == rt::OpKind::var_write;
  const bool release = op.kind == rt::OpKind::unlock || op.kind == rt::OpKind::runlock;
  if (op.kind == rt::OpKind::try_lock && !options_.release_points) met_try_lock_ = true;
  if ((op.kind == rt::OpKind::spawn || (release && !options_.release_points) ||
       (var_access && options_.race_detection)) &&
      current_->steps + 1 < step_bound()) {
    ++current_->steps;
    ++all_steps_;
    if (tracing_) trace_.op(current_->id, op);
    if (var_access) check_race(op);
    return;
  }
  if (tracing_) current_->pending = op;  // traced when it runs, not when the task gets here
  if (dependences_) current_->next = footprint_of(op);
  current_->at_point = true;
  current_->ready_since = all_steps_;
  pass_on();
  current_->at_point = false;
  if (var_access && options_.race_detection) check_race(op);
}

void ModelRuntime::check_race(const rt::Op& op) {
  auto race = op.kind == rt::OpKind::var_read
                  ? happens_before_.read(current_->clock, op.object, op.where)
                  : happens_before_.write(current_->clock, op.object, op.where);
  if (race) report_race(*race);
}

rt::TaskRef ModelRuntime::self() { return rt::TaskRef{current_}; }

void ModelRuntime::park(rt::Parking& parking, const rt::Op& waiting_on) {
  if (tearing_down_ || current_ == nullptr) return;
  if (parking.state.load(std::memory_order_relaxed) == rt::Parking::kWoken) return;
  current_->state = Task::State::blocked;
  current_->parked_on = &parking;
  current_->waiting_on = waiting_on;
  if (tracing_) trace_.blocks(current_->id, waiting_on);
  // Once woken, it finishes this operation.
  if (dependences_) current_->next = footprint_of(waiting_on);
  pass_on();
}

void ModelRuntime::unpark(rt::Parking& parking) {
  parking.state.store(rt::Parking::kWoken, std::memory_order_relaxed);
  auto* t = static_cast<Task*>(parking.task.handle);
  if (t != nullptr && t->state == Task::State::blocked && t->parked_on == &parking) {
    if (dependences_ && !running_on_ && !tearing_down_) {
      strategy_.woke(process_of_current(), t->process);
      // A woken select withdraws from its other channels as it runs on: this event touches them.
      if (t->waiting_on && t->waiting_on->kind == rt::OpKind::select) {
        touched_.add(footprint_of(*t->waiting_on));
        widened_ = true;
      }
    }
    t->state = Task::State::runnable;
    if (!tearing_down_) run_on_.push_back(t);
    t->parked_on = nullptr;
    t->waiting_on.reset();
  }
}

std::size_t ModelRuntime::choose(std::size_t n) {
  if (n <= 1 || running_on_ || tearing_down_) return 0;
  const std::size_t k = strategy_.choose(n);
  path_.taken.push_back(k);
  return k;
}

void ModelRuntime::release(rt::SyncSlot& slot) {
  if (tearing_down_) return;
  const std::uint32_t number = slot_numbers_.number(slot);
  const int clock = clock_of_current();
  if (clock >= 0) happens_before_.release(clock, number);
  if (dependences_ && !running_on_) strategy_.released(process_of_current(), number);
}

void ModelRuntime::acquire(rt::SyncSlot& slot) {
  if (tearing_down_) return;
  const std::uint32_t number = slot_numbers_.number(slot);
  const int clock = clock_of_current();
  if (clock >= 0) happens_before_.acquire(clock, number);
  if (dependences_ && !running_on_) strategy_.acquired(process_of_current(), number);
}

rt::TimerId ModelRuntime::start_timer(rt::Time when, rt::WorkPtr fire) {
  const rt::TimerId id = ++last_timer_;
  const int clock = happens_before_.new_clock(clock_of_current());
  clock_owners_.resize(static_cast<std::size_t>(clock) + 1);
  clock_owners_[static_cast<std::size_t>(clock)] = kTimerClock;
  // Named by who started it and how many things they had made before: the same whatever
  // order other tasks started theirs in (start order is not: two tasks' starts commute).
  const Process by = current_ != nullptr ? current_->process : kTimerProcess - 1;
  const std::uint32_t ordinal = current_ != nullptr ? current_->made++ : outside_made_++;
  const std::uint64_t name =
      static_cast<std::uint64_t>(static_cast<std::uint32_t>(by)) << 32 | ordinal;
  timers_.emplace(TimerKey{when, name, id}, Timer{std::move(fire), clock, name});
  if (dependences_ && !tearing_down_ && !running_on_) {
    strategy_.timer_started(process_of_current(), id);
  }
  return id;
}

bool ModelRuntime::stop_timer(rt::TimerId id) {
  for (auto it = timers_.begin(); it != timers_.end(); ++it) {
    if (std::get<2>(it->first) == id) {
      timers_.erase(it);
      return true;
    }
  }
  return false;
}

bool ModelRuntime::fire_next_timer() {
  if (timers_.empty()) return false;
  auto first = timers_.begin();
  if (std::get<0>(first->first) > now_) now_ = std::get<0>(first->first);
  if (dependences_) strategy_.timer_firing(std::get<2>(first->first));
  Timer timer = std::move(first->second);
  timers_.erase(first);
  // The action runs as a task of its own: it may need a lock that a suspended task holds (the
  // library guards a timer's state with a Mutex), and only a task can wait for it. It happens
  // after the timer's start (its clock).
  Task* was = std::exchange(current_, nullptr);
  firing_clock_ = timer.clock;
  spawning_timer_ = &timer.name;
  spawn(std::move(timer.fire), std::source_location::current());
  spawning_timer_ = nullptr;
  tasks_.back()->timer = true;
  firing_clock_ = -1;
  current_ = was;
  return true;
}

void ModelRuntime::yield() { scheduler_ = std::move(scheduler_).resume(); }

void ModelRuntime::resume(Task& task) {
  // A stack overflow in the task lands where the caller set the landing (run_execution,
  // resume_guarded), with current_ the task that overflowed.
  current_ = &task;
  OverflowTrap::arm(&task.stack);
  ctx::fiber back = std::move(task.fiber).resume();
  // The task that came back may be another: a task can pass the event on (switch_to).
  Task& yielded = *current_;
  yielded.fiber = std::move(back);
  OverflowTrap::disarm();
  if (yielded.failure) report_failure(yielded);
  current_ = nullptr;
  if (yielded.abandoned) drop_abandoned(yielded);
}

void ModelRuntime::switch_to(Task& next) {
  // One switch instead of two (to the scheduler, and from it to next). Whoever resumes this
  // task later hands it the scheduler's continuation, as the scheduler's own resume does.
  Task* const from = current_;
  current_ = &next;
  OverflowTrap::arm(&next.stack);
  scheduler_ = std::move(next.fiber).resume_with([this, from](ctx::fiber&& suspended) {
    from->fiber = std::move(suspended);  // runs on next's stack, once this one is suspended
    return std::move(scheduler_);        // what next's own yield() gets back
  });
}

void ModelRuntime::resume_guarded(Task& task) {
  // No signal mask saved (no system call): the fault handler runs with SA_NODEFER, so jumping
  // out of it leaves the mask as it was.
  sigjmp_buf landing;
  if (sigsetjmp(landing, 0) != 0) {
    OverflowTrap::land_at(nullptr);
    abandon_overflowed(task);
    return;
  }
  OverflowTrap::land_at(&landing);
  resume(task);
  OverflowTrap::land_at(nullptr);
}

void ModelRuntime::abandon_overflowed(Task& task) {
  // The task's stack is garbage below the fault: it is never resumed or unwound. Its fiber
  // handle was already moved out by resume(); the continuation it held back into the scheduler
  // is stale (we came back by siglongjmp) and is dropped without being run, and so is the
  // task's body, which may be half-way through changing its captures.
  static_cast<void>(new ctx::fiber(std::move(scheduler_)));
  static_cast<void>(task.body.release());
  stacks_.give_back(task.stack);
  task.state = Task::State::done;
  current_ = &task;
  note("overflows its stack");
  current_ = nullptr;
  fail(Verdict::panic, name(task) + " overflowed its stack (" +
                           std::to_string(stacks_.usable_size() / 1024) +
                           " KiB; Options::stack_size sets it): unbounded recursion?");
}

void ModelRuntime::run_on() {
  // Resuming one may wake or start others: they join the queue. FIFO, so it is deterministic.
  // A task it resumes may run the rest itself (pass_on) and even end the event (a handoff).
  while (handoff_ == Handoff::none && !finding_) {
    Task* t = next_to_run_on();
    if (t == nullptr) break;
    resume(*t);
    if (step_error_) std::rethrow_exception(std::exchange(step_error_, nullptr));
  }
  if (handoff_ == Handoff::none) {
    run_on_.clear();
    run_on_next_ = 0;
  }
}

ModelRuntime::Task* ModelRuntime::next_to_run_on() {
  while (run_on_next_ < run_on_.size()) {
    Task* t = run_on_[run_on_next_++];
    if (t->state == Task::State::runnable && !t->at_point) return t;
  }
  return nullptr;
}

void ModelRuntime::pass_on() {
  // After the execution, or with a finding, the scheduler decides (as it does for a task that
  // ended: its failure is reported on the scheduler's stack).
  if (!running_on_ && !tearing_down_ && !finding_) {
    if (Task* t = next_to_run_on()) {
      switch_to(*t);
      return;
    }
    if (step_in_place()) return;
  }
  yield();
}

Report ModelRuntime::run(const std::function<void()>& program) {
  reset();
  Report report = run_execution(program);
  tear_down();
  return report;
}

Report ModelRuntime::run_execution(const std::function<void()>& program) {
  rt::ScopedRuntime installed(*this);
  // One landing for the whole execution: a task that overflows its stack comes back here, as
  // current_, and the finding ends the execution. No signal mask is saved (see resume_guarded).
  if (sigsetjmp(overflow_jump_, 0) == 0) {
    OverflowTrap::land_at(&overflow_jump_);
    run_events(program);
  } else {
    abandon_overflowed(*current_);
  }
  OverflowTrap::land_at(nullptr);
  Report report = finding_ ? std::move(*finding_) : Report{};
  if (tracing_) {
    report.steps = trace_.render([this](int id) { return name(*tasks_[static_cast<std::size_t>(id)]); });
    for (const TraceStep& s : report.steps) report.trace.push_back(Trace::line(s));
    report.objects = trace_.legend();
  }
  return report;
}

void ModelRuntime::run_events(const std::function<void()>& program) {
  spawn(rt::make_work([&program] { program(); }), std::source_location::current());
  main_task_ = tasks_.front().get();
  run_on();  // main, to its first point (no event is open: nothing ends one in place)
  if (!begin_event()) return;
  for (;;) {
    // The event begun last (here, or in place by a task) runs.
    handoff_ = Handoff::none;
    if (Task* task = tasks_of_[event_.picked]) {
      resume(*task);
      if (step_error_) std::rethrow_exception(std::exchange(step_error_, nullptr));
    } else {
      fire_next_timer();
    }
    run_on();
    // A task ended the event and began the next one in place (step_in_place), which another
    // process makes (next) or nobody (end: the execution is over).
    if (handoff_ == Handoff::next) continue;
    if (handoff_ == Handoff::end) break;
    if (!finish_event() || !begin_event()) break;
  }
}

bool ModelRuntime::begin_event() {
  if (finding_) return false;
  // Written in place (no push_back per candidate): this runs once per event.
  if (candidates_.size() < tasks_.size() + 1) {
    candidates_.resize(2 * tasks_.size() + 1);
    tasks_of_.resize(candidates_.size());
  }
  // Every task is written, and n moves past the runnable ones: no branch on a task's state,
  // which the processor cannot predict.
  std::size_t n = 0;
  for (const auto& t : tasks_) {
    Task* const task = t.get();
    candidates_[n] = Candidate{task->process, &task->next};
    tasks_of_[n] = task;
    n += task->state == Task::State::runnable ? 1 : 0;
  }
  // The timer queue is a candidate while a timer is pending: a timeout can always win a race
  // (or, with synctest timers, only when no task can run).
  if (!timers_.empty() && (n == 0 || !options_.synctest_timers)) {
    candidates_[n] = Candidate{kTimerProcess, &timer_firing_};
    tasks_of_[n++] = nullptr;
  }
  candidate_count_ = n;
  if (n == 0) {
    const bool any_blocked = std::any_of(tasks_.begin(), tasks_.end(), [](const auto& t) {
      return t->state == Task::State::blocked;
    });
    if (any_blocked) report_blocked(main_task_->state == Task::State::done);
    return false;
  }
  const std::optional<std::size_t> picked = strategy_.pick(candidates());
  if (!picked) {
    stopped_ = true;
    return false;
  }
  if (n > 1) path_.taken.push_back(*picked);
  const Process next = candidates_[*picked].process;
  Task* const stepping = tasks_of_[*picked];
  // A preemption: the process that ran last could go on (every runnable task is a candidate;
  // the timer queue, when it is one, is the last).
  if (next != last_process_) {
    const bool last_could_go_on =
        last_process_ == kTimerProcess
            ? candidates_[n - 1].process == kTimerProcess
            : last_task_ != nullptr && last_task_->state == Task::State::runnable;
    if (last_could_go_on) ++preemptions_;
  }
  last_process_ = next;
  last_task_ = stepping;
  ++events_;
  // The bound is per task, so long executions of many tasks are not mistaken for a livelock:
  // only a task that itself keeps taking steps without ending is.
  // After main returned (Go's program is over) a task only needs enough steps to tell a
  // task that ends or blocks from one that runs on for ever: the bound is smaller then.
  const bool main_was_done = main_task_->state == Task::State::done;
  const std::size_t bound = step_bound();
  std::size_t& steps = stepping != nullptr ? stepping->steps : timer_steps_;
  if (main_was_done && !main_done_seen_) {
    main_done_seen_ = true;  // count afresh from here
    for (auto& t : tasks_) t->steps = 0;
    timer_steps_ = 0;
  }
  const bool over = ++steps > bound;
  ++all_steps_;
  // How long the picked task waited, ready, since it reached its point.
  if (stepping != nullptr) {
    longest_wait_ = std::max(longest_wait_, all_steps_ - stepping->ready_since);
  }
  event_ = Event{*picked, next, stepping, bound, over, main_was_done};
  if (dependences_) {
    touched_ = *candidates_[*picked].next;
    widened_ = false;
  }
  if (tracing_) {
    if (stepping != nullptr) {
      trace_.op(stepping->id, stepping->pending);
    } else {
      trace_.text(Trace::kNoTask, "a timer fires");
    }
  }
  event_open_ = true;
  return true;
}

bool ModelRuntime::finish_event() {
  event_open_ = false;
  if (dependences_) strategy_.event_done(touched_, widened_);
  // Checked once the event has run, so the strategy has recorded it as explored.
  const Event& e = event_;
  if (finding_ || !e.over || (e.stepping != nullptr && e.stepping->state == Task::State::done)) {
    return true;
  }
  // Evidence, not just a count: if another task was kept waiting, ready, for half the bound or
  // more (in steps, as the bound is: every task's steps while it waited), the schedule starved
  // it — a real scheduler is fair, so this is no livelock. Cut it; the search has the fair
  // orders of the same steps too.
  const bool starved =
      longest_wait_ >= e.bound / 2 ||
      std::any_of(tasks_of_.begin(), tasks_of_.begin() + static_cast<std::ptrdiff_t>(candidate_count_),
                  [&](const Task* t) {
                    if (t == nullptr || t == e.stepping) return false;
                    return all_steps_ - t->ready_since >= e.bound / 2;
                  });
  if (starved) {
    stopped_ = true;
    unfair_ = true;
  } else if (e.main_was_done) {
    report_running_after_main(e.bound);
  } else {
    fail(Verdict::nontermination,
         (e.stepping != nullptr ? name(*e.stepping) + started_at(*e.stepping) : "the timer queue") +
             " took " + std::to_string(options_.max_steps) +
             " steps without ending (a livelock, or a loop that spins without blocking?); "
             "Options::max_steps sets the bound per task");
  }
  return false;
}

bool ModelRuntime::step_in_place() {
  // Only while an event is open, once everything it woke or started has run on (the caller
  // made sure), and with room left on this stack for the strategy's code.
  if (!event_open_) return false;
  char here;
  if (&here - (static_cast<char*>(current_->stack.sp) - current_->stack.size) < kInPlaceStack) {
    return false;
  }
  run_on_.clear();
  run_on_next_ = 0;
  try {
    if (!finish_event() || !begin_event()) {
      handoff_ = Handoff::end;
      return false;
    }
  } catch (...) {  // rethrown on the scheduler's stack, as if it had happened there
    step_error_ = std::current_exception();
    handoff_ = Handoff::end;
    return false;
  }
  Task* next = tasks_of_[event_.picked];
  if (next == current_) return true;
  if (next != nullptr && next->at_point) {
    switch_to(*next);  // back here when this task is picked again: it goes on
    return true;
  }
  handoff_ = Handoff::next;
  return false;
}

}  // namespace weft::harness

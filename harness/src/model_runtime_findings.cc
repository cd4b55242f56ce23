// ModelRuntime's findings as a person reads them: task names, what each blocked task waits
// for, races, exceptions and endless tasks in words, and the first finding kept.
#include <exception>
#include <string>

#include "model_runtime.h"
#include "weft/check.h"
#include "weft/panic.h"

namespace weft::harness {

std::string ModelRuntime::name(const Task& task) const {
  return "task " + std::to_string(task.id) +
         (task.id == 0 ? " (main)" : task.timer ? " (a timer's action)" : "");
}

std::string ModelRuntime::started_at(const Task& task) const {
  if (task.id == 0 || task.timer) return "";
  return std::string(" (started at ") + task.spawned_at.file_name() + ":" +
         std::to_string(task.spawned_at.line()) + ")";
}

void ModelRuntime::note(const std::string& what) {
  if (current_ != nullptr) {
    if (tracing_) trace_.text(current_->id, what);
  } else {
    if (tracing_) trace_.text(Trace::kNoTask, "a timer: " + what);
  }
}

std::string ModelRuntime::clock_name(int clock) const {
  const int owner = clock_owners_[static_cast<std::size_t>(clock)];
  return owner == kTimerClock ? "a timer" : "task " + std::to_string(owner);
}

void ModelRuntime::report_race(const Race& race) {
  auto access = [this](bool write, const Access& a) {
    return std::string(write ? "a write" : "a read") + " by " +
           clock_name(a.task) + " at " + a.where.file_name() + ":" +
           std::to_string(a.where.line());
  };
 fail(Verdict::race, "data race on var" + trace_.number(race.object) + ": " + access(race.later_is_write, race.later) + " and " +
                          access(race.earlier_is_write, race.earlier) +
                          " are not ordered by any channel, lock, WaitGroup or Once");
}

void ModelRuntime::report_failure(Task& task) {
  std::exception_ptr failure = std::exchange(task.failure, nullptr);
  try {
    std::rethrow_exception(failure);
  } catch (const weft::panic& p) {
    note(std::string("panics: ") + p.what());
    fail(Verdict::panic, name(task) + " panicked: " + p.what());
  } catch (const weft::check_failure& c) {
    note(std::string("check fails: ") + c.what());
    fail(Verdict::assertion, name(task) + ": check failed: " + c.what());
  } catch (const std::exception& e) {
    note(std::string("throws: ") + e.what());
    fail(Verdict::panic, name(task) + " threw an exception: " + e.what());
  } catch (...) {
    note("throws an exception not derived from std::exception");
    fail(Verdict::panic, name(task) + " threw an exception not derived from std::exception");
  }
}

void ModelRuntime::fail(Verdict verdict, std::string message) {
  if (finding_ || running_on_) return;  // the first finding counts, and only during the run
  finding_ = Report{};
  finding_->verdict = verdict;
  finding_->message = std::move(message);
}

void ModelRuntime::report_blocked(bool main_done) {
  std::vector<Task*> blocked;
  for (auto& t : tasks_) {
    if (t->state == Task::State::blocked) blocked.push_back(t.get());
  }
  std::string message = main_done ? "leak: after the main task returned, "
                                  : "deadlock: every task is blocked, ";
  message += std::to_string(blocked.size()) + " task(s) blocked for ever:";
  for (Task* t : blocked) {
    message += "\n  " + name(*t) + started_at(*t) +
               " waits in " + (t->waiting_on ? trace_.describe(*t->waiting_on) : "?");
  }
  fail(main_done ? Verdict::leak : Verdict::deadlock, std::move(message));
}

// The main task has returned (the program is over, as in Go) but some task still runs after
// Options::max_steps steps: it never stops, a leak even though it is not blocked.
void ModelRuntime::report_running_after_main(std::size_t bound) {
  std::string message;
  int running = 0;
  for (auto& t : tasks_) {
    if (t->state == Task::State::done) continue;
    ++running;
    message += "\n  " + name(*t) + started_at(*t);
  }
  fail(Verdict::leak, "leak: after the main task returned, " + std::to_string(running) +
                          " task(s) still ran, one of them for " + std::to_string(bound) +
                          " steps (a loop with no way out?):" + message);
}

}  // namespace weft::harness

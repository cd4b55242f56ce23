#include "model_runtime.h"

#include <boost/context/fixedsize_stack.hpp>

#include <exception>
#include <sstream>
#include <utility>

#include "weft/panic.h"

namespace weft::harness {

namespace ctx = boost::context;

std::size_t Schedule::choose(std::size_t n) {
  if (pos < decisions.size()) {
    Decision& d = decisions[pos++];
    d.options = n;  // a replayed prefix meets the same choice with the same options
    return d.taken < n ? d.taken : n - 1;
  }
  decisions.push_back({0, n});
  ++pos;
  return 0;
}

std::string Schedule::token() const {
  std::string t;
  for (const Decision& d : decisions) {
    if (!t.empty()) t += '.';
    t += std::to_string(d.taken);
  }
  return t.empty() ? "-" : t;
}

std::optional<Schedule> Schedule::parse(const std::string& token) {
  Schedule s;
  if (token == "-") return s;
  std::istringstream in(token);
  std::string part;
  while (std::getline(in, part, '.')) {
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    s.decisions.push_back({std::stoul(part), 0});
  }
  return s;
}

ModelRuntime::ModelRuntime(Schedule& schedule, const Options& options)
    : schedule_(schedule), options_(options), now_(rt::Time(std::chrono::hours(1))) {}

ModelRuntime::~ModelRuntime() {
  // Fibers still suspended are unwound here (Boost throws forced_unwind into them); whatever
  // their destructors do must not schedule. Newest first: a task usually borrows from the task
  // that started it (a WaitGroup or a Mutex on main's stack), so the borrower's destructors
  // must run while the lender's stack still stands.
  tearing_down_ = true;
  while (!tasks_.empty()) tasks_.pop_back();
}

void ModelRuntime::spawn(rt::WorkPtr body, std::source_location where) {
  auto task = std::make_unique<Task>();
  task->id = static_cast<int>(tasks_.size());
  task->body = std::move(body);
  task->spawned_at = where;
  Task* t = task.get();
  t->fiber = ctx::fiber(std::allocator_arg, ctx::fixedsize_stack(options_.stack_size),
                        [this, t](ctx::fiber&& back) {
                          scheduler_ = std::move(back);
                          try {
                            t->body->run();
                          } catch (const ctx::detail::forced_unwind&) {
                            throw;
                          } catch (const weft::panic& p) {
                            fail(Verdict::panic, "task " + std::to_string(t->id) +
                                                     " panicked: " + p.what());
                          } catch (const std::exception& e) {
                            fail(Verdict::panic, "task " + std::to_string(t->id) +
                                                     " threw: " + e.what());
                          }
                          t->body.reset();
                          t->state = Task::State::done;
                          return std::move(scheduler_);
                        });
  tasks_.push_back(std::move(task));
}

std::string ModelRuntime::describe(const rt::Op& op) {
  std::string s = rt::to_string(op.kind);
  if (op.object != 0) {
    auto [it, added] = object_numbers_.emplace(op.object, static_cast<int>(object_numbers_.size()) + 1);
    s += " #" + std::to_string(it->second);
  } else if (op.kind == rt::OpKind::chan_send || op.kind == rt::OpKind::chan_recv) {
    s += " nil";
  }
  s += std::string(" at ") + op.where.file_name() + ":" + std::to_string(op.where.line());
  return s;
}

void ModelRuntime::point(const rt::Op& op) {
  if (current_ == nullptr || tearing_down_) return;  // timer actions run between steps
  trace_.push_back("task " + std::to_string(current_->id) + ": " + describe(op));
  yield();
}

rt::TaskRef ModelRuntime::self() { return rt::TaskRef{current_}; }

void ModelRuntime::park(rt::Parking& parking, const rt::Op& waiting_on) {
  if (tearing_down_ || current_ == nullptr) return;
  if (parking.state.load(std::memory_order_relaxed) == rt::Parking::kWoken) return;
  current_->state = Task::State::blocked;
  current_->parked_on = &parking;
  current_->waiting_on = waiting_on;
  trace_.push_back("task " + std::to_string(current_->id) + ": blocks in " + describe(waiting_on));
  yield();
}

void ModelRuntime::unpark(rt::Parking& parking) {
  parking.state.store(rt::Parking::kWoken, std::memory_order_relaxed);
  auto* t = static_cast<Task*>(parking.task.handle);
  if (t != nullptr && t->state == Task::State::blocked && t->parked_on == &parking) {
    t->state = Task::State::runnable;
    t->parked_on = nullptr;
    t->waiting_on.reset();
  }
}

std::size_t ModelRuntime::choose(std::size_t n) { return n <= 1 ? 0 : schedule_.choose(n); }

rt::TimerId ModelRuntime::start_timer(rt::Time when, rt::WorkPtr fire) {
  const rt::TimerId id = ++last_timer_;
  timers_.emplace(std::pair{when, id}, std::move(fire));
  return id;
}

bool ModelRuntime::stop_timer(rt::TimerId id) {
  for (auto it = timers_.begin(); it != timers_.end(); ++it) {
    if (it->first.second == id) {
      timers_.erase(it);
      return true;
    }
  }
  return false;
}

bool ModelRuntime::fire_next_timer() {
  if (timers_.empty()) return false;
  auto first = timers_.begin();
  if (first->first.first > now_) now_ = first->first.first;
  rt::WorkPtr work = std::move(first->second);
  timers_.erase(first);
  Task* was = std::exchange(current_, nullptr);
  work->run();
  current_ = was;
  return true;
}

void ModelRuntime::yield() { scheduler_ = std::move(scheduler_).resume(); }

void ModelRuntime::resume(Task& task) {
  current_ = &task;
  task.fiber = std::move(task.fiber).resume();
  current_ = nullptr;
}

void ModelRuntime::fail(Verdict verdict, std::string message) {
  if (finding_) return;
  finding_ = Report{};
  finding_->verdict = verdict;
  finding_->message = std::move(message);
}

Report ModelRuntime::run(const std::function<void()>& program) {
  rt::ScopedRuntime installed(*this);
  spawn(rt::make_work([&program] { program(); }), std::source_location::current());
  Task& main_task = *tasks_.front();
  for (;;) {
    if (finding_) break;
    if (++steps_ > options_.max_steps) {
      fail(Verdict::nontermination,
           "no end after " + std::to_string(options_.max_steps) + " steps (livelock or spin?)");
      break;
    }
    std::vector<Task*> runnable;
    for (auto& t : tasks_) {
      if (t->state == Task::State::runnable) runnable.push_back(t.get());
    }
    if (runnable.empty()) {
      if (fire_next_timer()) continue;
      std::vector<Task*> blocked;
      for (auto& t : tasks_) {
        if (t->state == Task::State::blocked) blocked.push_back(t.get());
      }
      if (blocked.empty()) break;
      const bool main_done = main_task.state == Task::State::done;
      std::string message = main_done ? "leak: after the main task returned, "
                                      : "deadlock: every task is blocked, ";
      message += std::to_string(blocked.size()) + " task(s) blocked for ever:";
      for (Task* t : blocked) {
        message += "\n  task " + std::to_string(t->id) +
                   (t->id == 0 ? std::string(" (main)")
                               : std::string(" (started at ") + t->spawned_at.file_name() + ":" +
                                     std::to_string(t->spawned_at.line()) + ")") +
                   " waits in " + (t->waiting_on ? describe(*t->waiting_on) : "?");
      }
      fail(main_done ? Verdict::leak : Verdict::deadlock, std::move(message));
      break;
    }
    // One more option while a timer is pending: it fires now, before any task moves.
    const bool timer_may_fire = !options_.synctest_timers && !timers_.empty();
    const std::size_t options = runnable.size() + (timer_may_fire ? 1 : 0);
    const std::size_t pick = options == 1 ? 0 : schedule_.choose(options);
    if (pick == runnable.size()) {
      trace_.push_back("timer fires");
      fire_next_timer();
      continue;
    }
    resume(*runnable[pick]);
  }
  Report report = finding_ ? *finding_ : Report{};
  report.trace = trace_;
  return report;
}

}  // namespace weft::harness

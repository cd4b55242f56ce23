#include "fiber_scheduler.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "deadlock_watch.h"
#include "fiber_switch.h"
#include "parker.h"
#include "run_queues.h"
#include "runtime_choice.h"
#include "task_body.h"
#include "task_stacks.h"

namespace weft::rt::fibers {

struct Worker;

// A task. Lives at the top of its own stack, from spawn until the scheduler sees it end.
struct Fiber {
  static constexpr std::uint64_t kAlive = 0x7765667466696272;  // marks a live control block
  std::uint64_t alive = kAlive;        // 0 once ended (a stack's top is read by for_each_blocked)
  fctx::fcontext_t context = nullptr;  // saved while it does not run
  Fiber* next = nullptr;               // link in the global run queue
  Worker* worker = nullptr;            // the worker running it (set before each resume)
  const Op* waiting_on = nullptr;      // while parked: what it waits for
  WorkPtr body;
  std::source_location where;
  Stack stack;
  SwitchState sw;
};

namespace {

// Why a fiber switched back to its scheduler.
struct SwitchRequest {
  enum Why { park, exit } why;
  Parking* parking = nullptr;
};

// How long an out-of-work worker keeps looking before it sleeps.
constexpr int kSpinRounds = 64;
// Fairness: every kGlobalEvery-th pick looks at the global queue first; after kRunNextStreak
// run-next picks in a row, the local queue goes first (two tasks handing off to each other
// forever must not starve the rest).
constexpr unsigned kGlobalEvery = 61;
constexpr unsigned kRunNextStreak = 64;
// The monitor's period while some worker runs, and while all sleep.
constexpr auto kMonitorPeriod = std::chrono::milliseconds(1);
constexpr auto kMonitorIdlePeriod = std::chrono::milliseconds(10);

}  // namespace

// The fields other workers read while they look for work (runnext, queue) sit on their own
// cache lines, away from those the owner writes on every switch.
struct alignas(64) Worker {
  std::size_t index = 0;
  fctx::fcontext_t scheduler = nullptr;  // while a fiber runs here: where it returns to
  SwitchState sw;
  Fiber* current = nullptr;  // the fiber running here, or null in the scheduler
  bool spinning = false;
  unsigned ticks = 0;
  unsigned runnext_streak = 0;
  std::uint64_t random = 0;
  std::atomic<std::uint64_t> activity{0};  // wake-ups and spawns made here (written by the owner)
  std::atomic<std::int64_t> live_delta{0};  // tasks started here minus tasks ended here (owner)
  alignas(64) std::atomic<Fiber*> runnext{nullptr};
  alignas(64) LocalRunQueue queue;
  alignas(64) threads::Parker parker;  // sleeps here when idle
};

namespace {

constexpr std::size_t kControlBlock = (sizeof(Fiber) + 63) / 64 * 64;

thread_local Worker* tl_worker = nullptr;

// A counter only its worker writes: a plain load and store, no locked instruction; others read
// it with acquire (the store is a release).
template <class T>
void add_own(std::atomic<T>& counter, T delta) noexcept {
  counter.store(counter.load(std::memory_order_relaxed) + delta, std::memory_order_release);
}

// The worker of the calling thread. Not inlined, so no caller keeps a thread-local address
// across a switch (a fiber may resume on another thread).
[[gnu::noinline]] Worker* current_worker() noexcept {
  Worker* w = tl_worker;
  asm volatile("" : "+r"(w));
  return w;
}

Fiber* tag_free(void* handle) noexcept {
  return reinterpret_cast<Fiber*>(reinterpret_cast<std::uintptr_t>(handle) & ~std::uintptr_t{1});
}

class Scheduler {
 public:
  explicit Scheduler(std::size_t procs) {
    workers_.reserve(procs);
    for (std::size_t i = 0; i < procs; ++i) {
      workers_.push_back(std::make_unique<Worker>());
      workers_.back()->index = i;
      workers_.back()->random = 0x9E3779B97F4A7C15ull * (i + 1);
    }
    for (auto& w : workers_) {
      std::thread([this, w = w.get()] { worker_main(*w); }).detach();
    }
    std::thread([this] { monitor_main(); }).detach();
    start_deadlock_watch();
  }

  bool quiescent() const noexcept {
    if (idle_count_.load(std::memory_order_seq_cst) != static_cast<int>(workers_.size())) {
      return false;
    }
    if (spinning_.load(std::memory_order_seq_cst) != 0 || work_anywhere()) return false;
    for (const auto& w : workers_) {
      if (w->runnext.load(std::memory_order_seq_cst) != nullptr) return false;
    }
    return true;
  }

  std::uint64_t activity() const noexcept {
    std::uint64_t sum = 0;
    for (const auto& w : workers_) sum += w->activity.load(std::memory_order_relaxed);
    return sum;
  }

  std::size_t procs() const noexcept { return workers_.size(); }
  // Tasks started and not yet ended: the sum of per-worker counts (a task may start on one
  // worker and end on another, so one count may be negative), plus those started elsewhere.
  std::size_t live() const noexcept {
    std::int64_t n = started_outside_.load(std::memory_order_acquire);
    for (const auto& w : workers_) n += w->live_delta.load(std::memory_order_acquire);
    return n < 0 ? 0 : static_cast<std::size_t>(n);
  }

  void spawn(WorkPtr body, std::source_location where) {
    Stack stack = take_stack();
    // The control block sits at the top of the stack; the fiber's frames grow down below it.
    char* block = stack.top() - kControlBlock;
    auto* f = new (block) Fiber;
    f->body = std::move(body);
    f->where = where;
    f->stack = stack;
    const std::size_t usable = static_cast<std::size_t>(block - stack.base);
    f->context = fctx::make_fcontext(block, usable, &fiber_entry);
    init_fiber_state(f->sw, stack.base, usable);
    if (Worker* w = current_worker(); w != nullptr) {
      add_own(w->live_delta, std::int64_t{1});
    } else {
      started_outside_.fetch_add(1, std::memory_order_release);
    }
    make_runnable(f);
  }

  // Called from any thread: a worker's fiber (run-next), or anything else (global queue).
  // A sleeping worker is woken only for work it may steal: a task in the run-next slot is about
  // to run here (the caller is about to block, as in a hand-off), and waking another core for it
  // would cost a system call per hand-off. Should the caller keep running instead, the
  // monitor hands the waiting task to a sleeping worker within kMonitorPeriod.
  void make_runnable(Fiber* f) noexcept {
    Worker* w = current_worker();
    if (w != nullptr && w->current != nullptr) {
      add_own(w->activity, std::uint64_t{1});
      Fiber* bumped = w->runnext.exchange(f, std::memory_order_acq_rel);
      if (bumped == nullptr) return;
      push_local(*w, bumped);
    } else {
      note_activity();
      global_.push(f);
    }
    wake_one_if_needed();
  }

  static void park(Parking& parking, const Op& waiting_on) noexcept {
    if (parking.state.load(std::memory_order_acquire) == Parking::kWoken) return;
    Fiber* f = tag_free(parking.task.handle);
    f->waiting_on = &waiting_on;
    SwitchRequest request{SwitchRequest::park, &parking};
    Worker* from = f->worker;
    leave(f->sw, from->sw, false);
    const fctx::transfer_t back = fctx::jump_fcontext(from->scheduler, &request);
    Worker* now = static_cast<Worker*>(back.data);
    now->scheduler = back.fctx;
    arrive(f->sw, now->sw);
    f->waiting_on = nullptr;
  }

  void unpark(Parking& parking) noexcept {
    Fiber* f = tag_free(parking.task.handle);
    // After this exchange the Parking may vanish (the fiber may already be running again).
    if (parking.state.exchange(Parking::kWoken, std::memory_order_acq_rel) == Parking::kAsleep) {
      make_runnable(f);
    }
  }

 private:
  static void fiber_entry(fctx::transfer_t from) noexcept {
    Worker* w = static_cast<Worker*>(from.data);
    w->scheduler = from.fctx;
    Fiber* f = w->current;
    arrive(f->sw, w->sw);
    run_task_body(*f->body, f->where);
    f->body.reset();  // the task's captures die on its own stack, before it counts as ended
    SwitchRequest request{SwitchRequest::exit, nullptr};
    Worker* last = f->worker;
    leave(f->sw, last->sw, true);
    fctx::jump_fcontext(last->scheduler, &request);
    __builtin_unreachable();
  }

  // Go's sysmon, reduced to one duty: a task left waiting while its worker keeps running
  // something else gets another worker. A run-next task seen twice in a row (a period apart)
  // is moved to the global queue; a non-empty local queue only needs a sleeping worker woken.
  void monitor_main() {
    std::vector<Fiber*> seen(workers_.size(), nullptr);
    for (;;) {
      const bool all_idle =
          idle_count_.load(std::memory_order_relaxed) == static_cast<int>(workers_.size());
      std::this_thread::sleep_for(all_idle ? kMonitorIdlePeriod : kMonitorPeriod);
      bool waiting = false;
      for (std::size_t i = 0; i < workers_.size(); ++i) {
        Worker& w = *workers_[i];
        Fiber* next = w.runnext.load(std::memory_order_relaxed);
        if (next != nullptr && next == seen[i]) {
          if (Fiber* moved = w.runnext.exchange(nullptr, std::memory_order_acq_rel)) {
            global_.push(moved);
          }
          next = nullptr;
        }
        seen[i] = next;
        waiting = waiting || w.queue.size() != 0 || global_.size() != 0;
      }
      if (waiting) wake_one_if_needed();
    }
  }

  void worker_main(Worker& w) {
    tl_worker = &w;
    init_thread_state(w.sw);
    for (;;) run(w, find_work(w));
  }

  // Runs f until it parks for real or ends.
  void run(Worker& w, Fiber* f) {
    for (;;) {
      w.current = f;
      f->worker = &w;
      leave(w.sw, f->sw, false);
      const fctx::transfer_t back = fctx::jump_fcontext(f->context, &w);
      arrive(w.sw, f->sw);
      w.current = nullptr;
      const auto* request = static_cast<const SwitchRequest*>(back.data);
      if (request->why == SwitchRequest::exit) {
        end(f);
        return;
      }
      f->context = back.fctx;
      Parking* parking = request->parking;
      std::uint32_t expected = Parking::kWaiting;
      // Once kAsleep is stored, an unpark may hand f to another worker: f is not touched again.
      if (parking->state.compare_exchange_strong(expected, Parking::kAsleep,
                                                 std::memory_order_acq_rel,
                                                 std::memory_order_acquire)) {
        return;
      }
      // Woken before it got away: run it again.
    }
  }

  void end(Fiber* f) noexcept {
    f->alive = 0;
    destroy_fiber_state(f->sw);
    const Stack stack = f->stack;
    f->~Fiber();
    give_back_stack(stack);
    add_own(current_worker()->live_delta, std::int64_t{-1});
  }

  void push_local(Worker& w, Fiber* f) noexcept {
    if (!w.queue.push(f)) global_.push(f);
  }

  Fiber* local_work(Worker& w) noexcept {
    ++w.ticks;
    if (w.ticks % kGlobalEvery == 0) {
      if (Fiber* f = global_.pop()) return f;
    }
    if (w.runnext_streak < kRunNextStreak) {
      if (Fiber* f = w.runnext.exchange(nullptr, std::memory_order_acq_rel)) {
        ++w.runnext_streak;
        return f;
      }
    }
    w.runnext_streak = 0;
    if (Fiber* f = w.queue.pop()) return f;
    if (Fiber* f = w.runnext.exchange(nullptr, std::memory_order_acq_rel)) return f;
    return global_.pop();
  }

  // Half of another worker's queue. Never its run-next task: that one is about to run where it
  // is, next to the data its waker just touched (a spinning thief taking it turned every
  // hand-off into a cross-core one: Select2 97 -> 63 ns, BufferedSPSC 49 -> 34 ns when it
  // stopped); the monitor moves it if its worker stays busy.
  Fiber* steal(Worker& w) noexcept {
    const std::size_t n = workers_.size();
    w.random = w.random * 6364136223846793005ull + 1442695040888963407ull;
    const std::size_t start = static_cast<std::size_t>(w.random >> 33) % n;
    for (std::size_t i = 0; i < n; ++i) {
      Worker& victim = *workers_[(start + i) % n];
      if (&victim == &w) continue;
      Fiber* got[LocalRunQueue::kCapacity / 2];
      const std::size_t k = victim.queue.steal_half(got, LocalRunQueue::kCapacity / 2);
      if (k > 0) {
        for (std::size_t j = 1; j < k; ++j) push_local(w, got[j]);
        return got[0];
      }
    }
    return global_.pop();
  }

  bool work_anywhere() const noexcept {
    if (global_.size() != 0) return true;
    for (const auto& w : workers_) {
      if (w->queue.size() != 0) return true;
    }
    return false;
  }

  void stop_spinning(Worker& w) noexcept {
    if (!w.spinning) return;
    w.spinning = false;
    // The last spinner found work: there may be more, so another worker takes up the watch.
    if (spinning_.fetch_sub(1, std::memory_order_seq_cst) == 1) wake_one_if_needed();
  }

  Fiber* find_work(Worker& w) {
    for (;;) {
      if (Fiber* f = local_work(w)) {
        stop_spinning(w);
        return f;
      }
      if (!w.spinning) {
        w.spinning = true;
        spinning_.fetch_add(1, std::memory_order_seq_cst);
      }
      for (int round = 0; round < kSpinRounds; ++round) {
        if (Fiber* f = steal(w)) {
          stop_spinning(w);
          return f;
        }
        threads::cpu_relax();
      }
      // Nothing: stop spinning, then look once more after saying so (a pusher that saw us
      // spinning did not wake anyone).
      w.spinning = false;
      spinning_.fetch_sub(1, std::memory_order_seq_cst);
      {
        std::lock_guard hold(idle_mu_);
        idle_.push_back(&w);
        idle_count_.fetch_add(1, std::memory_order_seq_cst);
      }
      if (work_anywhere() && leave_idle(w)) continue;
      w.parker.park();
      w.spinning = true;  // the waker counted us as spinning
    }
  }

  // Takes w off the idle list; false if a waker already did (its unpark is then on the way,
  // and w consumes it here, counted as spinning).
  bool leave_idle(Worker& w) noexcept {
    {
      std::lock_guard hold(idle_mu_);
      auto it = std::find(idle_.begin(), idle_.end(), &w);
      if (it != idle_.end()) {
        idle_.erase(it);
        idle_count_.fetch_sub(1, std::memory_order_seq_cst);
        return true;
      }
    }
    w.parker.park();
    w.spinning = true;
    return true;
  }

  // Go's wakep: wake a sleeping worker if some sleep and none is already looking for work.
  void wake_one_if_needed() noexcept {
    if (idle_count_.load(std::memory_order_seq_cst) == 0) return;
    int none = 0;
    if (!spinning_.compare_exchange_strong(none, 1, std::memory_order_seq_cst)) return;
    Worker* sleeper = nullptr;
    {
      std::lock_guard hold(idle_mu_);
      if (!idle_.empty()) {
        sleeper = idle_.back();
        idle_.pop_back();
        idle_count_.fetch_sub(1, std::memory_order_seq_cst);
      }
    }
    if (sleeper == nullptr) {
      spinning_.fetch_sub(1, std::memory_order_seq_cst);
      return;
    }
    sleeper->parker.unpark();
  }

  std::vector<std::unique_ptr<Worker>> workers_;
  GlobalRunQueue<Fiber> global_;
  std::atomic<int> spinning_{0};
  std::atomic<int> idle_count_{0};
  std::mutex idle_mu_;
  std::vector<Worker*> idle_;  // guarded by idle_mu_
  std::atomic<std::int64_t> started_outside_{0};  // spawns from threads that are not workers
};

std::atomic<Scheduler*> g_scheduler{nullptr};

// Started on the first fiber task; never destroyed (its workers outlive static destruction).
Scheduler& scheduler() {
  if (Scheduler* s = g_scheduler.load(std::memory_order_acquire)) [[likely]] return *s;
  static std::once_flag once;
  std::call_once(once, [] {
    g_scheduler.store(new Scheduler(configured_procs()), std::memory_order_release);
  });
  return *g_scheduler.load(std::memory_order_acquire);
}

}  // namespace

bool running_on_fiber() noexcept {
  Worker* w = current_worker();
  return w != nullptr && w->current != nullptr;
}

TaskRef self() noexcept {
  const auto fiber = reinterpret_cast<std::uintptr_t>(current_worker()->current);
  return TaskRef{reinterpret_cast<void*>(fiber | 1)};
}

void spawn(WorkPtr body, std::source_location where) { scheduler().spawn(std::move(body), where); }
void park(Parking& parking, const Op& waiting_on) noexcept { Scheduler::park(parking, waiting_on); }
void unpark(Parking& parking) noexcept { scheduler().unpark(parking); }

std::size_t live_tasks() noexcept {
  Scheduler* s = g_scheduler.load(std::memory_order_acquire);
  return s == nullptr ? 0 : s->live();
}

bool spin_worthwhile() noexcept {
  Worker* w = current_worker();
  return worker_count() > 1 && w->runnext.load(std::memory_order_relaxed) == nullptr &&
         w->queue.size() == 0;
}

bool quiescent() noexcept {
  Scheduler* s = g_scheduler.load(std::memory_order_acquire);
  return s == nullptr || s->quiescent();
}

std::size_t runtime_threads() noexcept {
  Scheduler* s = g_scheduler.load(std::memory_order_acquire);
  return s == nullptr ? 0 : s->procs() + 1;
}

std::uint64_t activity() noexcept {
  Scheduler* s = g_scheduler.load(std::memory_order_acquire);
  return s == nullptr ? 0 : s->activity();
}

void for_each_blocked_impl(void (*visit)(std::source_location, const Op*, void*), void* context) {
  for_each_stack([&](const Stack& stack) {
    const auto* f = reinterpret_cast<const Fiber*>(stack.top() - kControlBlock);
    if (f->alive == Fiber::kAlive) visit(f->where, f->waiting_on, context);
  });
}

std::size_t worker_count() noexcept {
  Scheduler* s = g_scheduler.load(std::memory_order_acquire);
  return s == nullptr ? 0 : s->procs();
}

}  // namespace weft::rt::fibers

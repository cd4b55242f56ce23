#include "task_pool.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "deadlock_watch.h"
#include "parker.h"
#include "task_body.h"

namespace weft::rt::threads {

namespace {

constexpr auto kIdleTimeout = std::chrono::seconds(10);

// One per pool thread. `work` and `where` are written by the spawner between taking the worker
// off the idle list and unparking it; the worker reads them after its park returns.
struct Worker {
  Parker* parker = nullptr;
  WorkPtr work;
  std::source_location where;
  bool counted = true;  // a task (counted in live_tasks), or a weft::blocking call
};

class Pool {
 public:
  void spawn(WorkPtr body, std::source_location where, bool counted) {
    if (counted) live_.fetch_add(1, std::memory_order_relaxed);
    Worker* idle = nullptr;
    {
      std::lock_guard guard(mu_);
      if (!idle_.empty()) {
        idle = idle_.back();
        idle_.pop_back();
      }
    }
    if (idle != nullptr) {
      idle->work = std::move(body);
      idle->where = where;
      idle->counted = counted;
      idle->parker->unpark();
      return;
    }
    auto worker = std::make_unique<Worker>();
    worker->work = std::move(body);
    worker->where = where;
    worker->counted = counted;
    std::thread([this, w = std::move(worker)] { run(*w); }).detach();
  }

  std::size_t live() const noexcept { return live_.load(std::memory_order_acquire); }
  std::size_t idle_threads() {
    std::lock_guard guard(mu_);
    return idle_.size();
  }

 private:
  void run(Worker& self) {
    self.parker = &this_thread_parker();
    for (;;) {
      run_one(self);
      if (!wait_for_work(self)) return;
    }
  }

  void run_one(Worker& self) {
    plain_thread_runs_task(self.counted ? &self.where : nullptr);
    run_task_body(*self.work, self.where);
    plain_thread_runs_task(nullptr);
    self.work.reset();  // the task's captures die before it counts as exited
    if (self.counted) live_.fetch_sub(1, std::memory_order_release);
  }

  // Parks on the idle list; false when the thread should exit after idling too long.
  bool wait_for_work(Worker& self) {
    {
      std::lock_guard guard(mu_);
      idle_.push_back(&self);
    }
    if (self.parker->park_for(kIdleTimeout)) return true;
    {
      std::lock_guard guard(mu_);
      auto it = std::find(idle_.begin(), idle_.end(), &self);
      if (it != idle_.end()) {
        idle_.erase(it);
        return false;
      }
    }
    // A spawner took us off the list just as we timed out; its unpark is on the way.
    self.parker->park();
    return true;
  }

  std::mutex mu_;
  std::vector<Worker*> idle_;  // guarded by mu_
  std::atomic<std::size_t> live_{0};
};

// Never destroyed: detached pool threads may still run while static destructors do.
Pool& pool() {
  static Pool* p = new Pool;
  return *p;
}

}  // namespace

void pool_spawn(WorkPtr body, std::source_location where) {
  pool().spawn(std::move(body), where, true);
}
void pool_run_detached(WorkPtr work, std::source_location where) {
  pool().spawn(std::move(work), where, false);
}
std::size_t pool_live_tasks() noexcept { return pool().live(); }
std::size_t pool_idle_threads() noexcept { return pool().idle_threads(); }

}  // namespace weft::rt::threads

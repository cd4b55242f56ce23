// The threads runtime's timers: one thread sleeps until the earliest deadline and runs each
// due timer's action there. An action must not block (weft's own, such as after(), only do a
// non-blocking send on a buffered channel).
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "timer_queue.h"
#include "weft/rt/runtime.h"

namespace weft::rt::threads {

namespace {

class TimerQueue {
 public:
  TimerId start(Time when, WorkPtr fire) {
    std::unique_lock guard(mu_);
    if (!thread_started_) {
      std::thread([this] { run(); }).detach();
      thread_started_ = true;
      started_.store(true, std::memory_order_release);
    }
    busy_.fetch_add(1, std::memory_order_seq_cst);
    const TimerId id = ++last_id_;
    by_deadline_.emplace(std::pair{when, id}, std::move(fire));
    deadline_of_.emplace(id, when);
    if (by_deadline_.begin()->first.second == id) wake_.notify_one();
    return id;
  }

  bool stop(TimerId id) {
    std::lock_guard guard(mu_);
    auto found = deadline_of_.find(id);
    if (found == deadline_of_.end()) return false;
    by_deadline_.erase(std::pair{found->second, id});
    deadline_of_.erase(found);
    busy_.fetch_sub(1, std::memory_order_seq_cst);
    return true;
  }

  // Timers pending or firing: while any is, a blocked program may still be woken.
  std::size_t busy() const noexcept { return busy_.load(std::memory_order_seq_cst); }
  bool started() const noexcept { return started_.load(std::memory_order_acquire); }

 private:
  void run() {
    std::unique_lock guard(mu_);
    for (;;) {
      if (by_deadline_.empty()) {
        wake_.wait(guard);
        continue;
      }
      auto first = by_deadline_.begin();
      // A copy: the wait releases mu_, and a stop() meanwhile may erase the node it lives in.
      const Time deadline = first->first.first;
      if (Clock::now() < deadline) {
        wake_.wait_until(guard, deadline);
        continue;
      }
      WorkPtr fire = std::move(first->second);
      deadline_of_.erase(first->first.second);
      by_deadline_.erase(first);
      guard.unlock();
      fire->run();
      fire.reset();
      busy_.fetch_sub(1, std::memory_order_seq_cst);  // only now: its action may have woken a task
      guard.lock();
    }
  }

  std::mutex mu_;
  std::condition_variable wake_;
  bool thread_started_ = false;                              // guarded by mu_
  std::atomic<bool> started_{false};                         // thread_started_, without mu_
  std::atomic<std::size_t> busy_{0};                         // pending + firing
  TimerId last_id_ = 0;                                      // guarded by mu_
  std::map<std::pair<Time, TimerId>, WorkPtr> by_deadline_;  // guarded by mu_; ordered by when
  std::unordered_map<TimerId, Time> deadline_of_;            // guarded by mu_; pending timers
};

// Never destroyed: its thread may outlive static destruction.
TimerQueue& timers() {
  static TimerQueue* q = new TimerQueue;
  return *q;
}

}  // namespace

TimerId start_timer(Time when, WorkPtr fire) { return timers().start(when, std::move(fire)); }
bool stop_timer(TimerId id) { return timers().stop(id); }
std::size_t timers_busy() noexcept { return timers().busy(); }
bool timer_thread_started() noexcept { return timers().started(); }

}  // namespace weft::rt::threads

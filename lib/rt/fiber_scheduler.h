// The fiber runtime: tasks as fibers on P worker threads with work stealing.
//
// Model (Go's scheduler, simplified): P workers (WEFT_PROCS, default the number of cores),
// each with a local run queue and a run-next slot; one global queue. A task woken or started by
// a running task goes to its worker's run-next slot, so a hand-off (a send that wakes a
// receiver, then the sender blocks) runs the woken task next on the same core with two context
// switches and no system call. A worker out of work steals half of another's queue, spins a
// little, then sleeps; one that finds work while the others sleep wakes one of them.
//
// Parking (the seam's contract item 3): a fiber parks by switching to its worker's scheduler,
// which then moves the Parking from kWaiting to kAsleep. An unpark that finds kAsleep makes the
// fiber runnable; one that finds kWaiting (the fiber has not yet switched away, or not yet
// parked at all) only marks it woken, and the scheduler (or park itself) sees kWoken and runs it
// again. So a fiber is never resumed before its context is saved, and never lost.
//
// Not preemptive: a task that computes for long without a weft operation keeps its worker;
// a task that must block outside weft (a system call, a foreign lock) uses weft::blocking.
// Thread-local variables must not be relied on across a blocking weft operation: the task may
// resume on another worker thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <source_location>

#include "weft/rt/runtime.h"

namespace weft::rt::fibers {

inline bool is_fiber(TaskRef task) noexcept {
  return (reinterpret_cast<std::uintptr_t>(task.handle) & 1) != 0;
}

// Whether the caller is a task running on a fiber (not a plain thread).
bool running_on_fiber() noexcept;
TaskRef self() noexcept;  // requires running_on_fiber()

void spawn(WorkPtr body, std::source_location where);
void park(Parking& parking, const Op& waiting_on) noexcept;  // parking.task is the caller
void unpark(Parking& parking) noexcept;                      // parking.task is a fiber

std::size_t live_tasks() noexcept;
// On a fiber: more than one worker, and nothing else queued on this one.
bool spin_worthwhile() noexcept;
std::size_t worker_count() noexcept;  // P; 0 before the first fiber task started

// For the deadlock watch (deadlock_watch.h):
bool quiescent() noexcept;              // no fiber runs or is runnable (true if none started)
std::size_t runtime_threads() noexcept;  // the runtime's own OS threads: workers and monitor
std::uint64_t activity() noexcept;       // wake-ups and spawns made on the workers so far
// Calls visit(started_at, waiting_on) for each live fiber; only while quiescent.
template <class Visit>
void for_each_blocked(Visit&& visit);
void for_each_blocked_impl(void (*visit)(std::source_location, const Op*, void*), void* context);
template <class Visit>
void for_each_blocked(Visit&& visit) {
  for_each_blocked_impl(
      [](std::source_location at, const Op* op, void* c) { (*static_cast<Visit*>(c))(at, op); },
      &visit);
}

}  // namespace weft::rt::fibers

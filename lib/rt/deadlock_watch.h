// The deadlock watch: Go's "all goroutines are asleep - deadlock!" for the production runtimes.
//
// A watcher thread looks every kWatchPeriod. It reports a deadlock — each blocked task's and
// thread's wait site, in the model checker's words, on stderr, then exit status 2 — when all of
// these hold twice in a row, with no wake-up or spawn in between:
//   - no fiber task runs or is runnable (every worker idles, every run queue is empty);
//   - no timer is pending or firing;
//   - at least one task or thread is blocked in a weft operation;
//   - every OS thread of the process is one weft accounts for: its workers, monitor, timer
//     thread and this watcher, idle pool threads, and threads asleep in a weft operation.
// The last condition is what makes it sound in C++: a thread weft does not know (a
// std::thread, a library's thread, one running a weft::blocking call) might still wake
// someone, so while one exists nothing is reported. A program whose threads are all weft's and
// all asleep can never wake again.
#pragma once

#include "weft/rt/runtime.h"

namespace weft::rt {

// Starts the watcher once (cheap to call again).
void start_deadlock_watch() noexcept;

// A plain thread (not a fiber) is about to sleep in a weft operation / was woken from it. The
// waker calls plain_thread_woken, so the count never lags a wake-up.
void plain_thread_sleeps(const Op& waiting_on) noexcept;
void plain_thread_sleep_cancelled() noexcept;  // the thread did not sleep after all
void plain_thread_woken() noexcept;            // by the waker, before it wakes the thread
void plain_thread_awake() noexcept;            // by the thread itself, once running again

// A threads-runtime pool thread starts (started_at) or ends (nullptr) running a task.
void plain_thread_runs_task(const std::source_location* started_at) noexcept;

// A task was woken or started from outside the fiber workers (they count their own).
void note_activity() noexcept;

}  // namespace weft::rt

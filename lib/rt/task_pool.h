// TaskPool: runs each spawned task on an OS thread, reusing idle threads.
//
// Creating a std::thread costs 10-76 µs here; handing a task to a parked idle thread costs one
// unpark. A task never waits for a thread: when no idle thread exists, a new one is made (tasks
// may block for ever, as goroutines may, so a fixed-size pool could deadlock).
// An idle thread that gets no work for kIdleTimeout exits.
#pragma once

#include <source_location>

#include "weft/rt/runtime.h"

namespace weft::rt::threads {

void pool_spawn(WorkPtr body, std::source_location where);
std::size_t pool_live_tasks() noexcept;
// Pool threads waiting for work (parked on their own parker, not in a weft operation).
std::size_t pool_idle_threads() noexcept;
// Runs `work` on a pool thread without counting it as a task (weft::blocking's calls).
void pool_run_detached(WorkPtr work, std::source_location where);

}  // namespace weft::rt::threads

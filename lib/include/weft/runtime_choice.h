// Which runtime runs weft tasks.
//
//   fibers   (the default) tasks are fibers on WEFT_PROCS worker threads (default: the number
//            of cores) with work stealing: a hand-off between tasks is a user-space switch.
//   threads  every task is an OS thread from a pool: a hand-off is a kernel wake-up.
//
// Chosen by the environment variable WEFT_RUNTIME=fibers|threads, or by use_runtime() before
// the first task starts. The primitives behave the same on both (Go's semantics); the model
// checker (the harness) uses neither.
#pragma once

#include <cstddef>

namespace weft {

enum class RuntimeKind { fibers, threads };

// Chooses the runtime for all tasks of this process. Returns false (and changes nothing) once
// the choice is fixed: after the first task started, or after a previous call.
bool use_runtime(RuntimeKind kind) noexcept;

// The runtime new tasks run on (fixes the choice if it was not made yet).
RuntimeKind runtime_kind() noexcept;

// Worker threads of the fiber runtime (WEFT_PROCS; Go's GOMAXPROCS).
std::size_t runtime_procs() noexcept;

}  // namespace weft

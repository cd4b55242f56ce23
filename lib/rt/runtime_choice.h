// Which runtime runs new tasks (fibers or threads), and how many workers the fiber runtime
// has. Read from the environment on first use (WEFT_RUNTIME, WEFT_PROCS), or set by the API in
// weft/runtime_choice.h before the first task starts. A malformed value is a fatal error with
// a message (exit status 2), never a silent default.
#pragma once

#include <cstddef>

#include "weft/runtime_choice.h"

namespace weft::rt {

RuntimeKind chosen_runtime() noexcept;  // fixes the choice on first call
std::size_t configured_procs() noexcept;

}  // namespace weft::rt

// Running a task's body, the same on every runtime: a weft::panic or any exception that escapes
// ends the program as an unrecovered panic in a goroutine does (message, where the task was
// started, exit status 2).
#pragma once

#include <source_location>

#include "weft/rt/runtime.h"

namespace weft::rt {

void run_task_body(Work& body, std::source_location started_at) noexcept;

}  // namespace weft::rt

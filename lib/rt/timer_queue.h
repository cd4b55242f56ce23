// What the deadlock watch needs to know of the timers (start_timer/stop_timer themselves are
// the seam's, in weft/rt/runtime.h).
#pragma once

#include <cstddef>

namespace weft::rt::threads {

std::size_t timers_busy() noexcept;     // timers pending, plus one whose action is running
bool timer_thread_started() noexcept;  // the timer thread exists (it is started on first use)

}  // namespace weft::rt::threads

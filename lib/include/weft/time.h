// Time as the runtime tells it: real time on the threads runtime, virtual time in the model
// checker, where waiting costs nothing.
#pragma once

#include <chrono>
#include <source_location>

#include "weft/chan.h"
#include "weft/rt/runtime.h"

namespace weft {

using clock = rt::Clock;
using time_point = rt::Time;
using duration = rt::Clock::duration;

inline time_point now() { return rt::now(); }

// Go's time.After: a channel that delivers the time once, `d` from now. Made for timeouts in
// a select:  weft::case_recv(weft::after(100ms), [&] { timed_out = true; })
// The channel has room for the one value, so the timer never blocks and nothing leaks if no
// one receives.
recv_only<time_point> after(duration d, std::source_location where = std::source_location::current());

}  // namespace weft

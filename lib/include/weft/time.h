// Time as the runtime tells it: real time on the production runtimes, virtual time in the model
// checker, where waiting costs nothing. Go's time package: After, Sleep, NewTimer (stop,
// reset), AfterFunc, NewTicker, Tick.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <source_location>

#include "weft/chan.h"
#include "weft/sync/mutex.h"
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

// Go's time.Sleep: blocks the calling task for at least `d`.
void sleep(duration d, std::source_location where = std::source_location::current());

namespace detail {
struct TimerState;
struct TickerState;
}  // namespace detail

// Go's time.Timer: delivers the time once on c() when it expires, unless stopped first.
// As in Go 1.23, after stop() or reset() returns, no value from the old deadline is received.
// A Timer is a handle: copies control the same timer; dropping every handle does not stop it.
class Timer {
 public:
  explicit Timer(duration d, std::source_location where = std::source_location::current());
  recv_only<time_point> c() const;  // nil for a timer made by after_func
  // Prevents the timer from firing; true if it was pending (false: already fired or stopped).
  bool stop(std::source_location where = std::source_location::current());
  // Re-arms the timer to fire `d` from now; true if it was pending.
  bool reset(duration d, std::source_location where = std::source_location::current());

 private:
  friend Timer after_func(duration d, std::function<void()> f, std::source_location where);
  explicit Timer(std::shared_ptr<detail::TimerState> state) : state_(std::move(state)) {}
  std::shared_ptr<detail::TimerState> state_;
};

// Go's time.AfterFunc: runs f in its own task once `d` has passed, unless stopped first.
Timer after_func(duration d, std::function<void()> f,
                 std::source_location where = std::source_location::current());

// Go's time.Ticker: delivers the time on c() every period. A slow receiver misses ticks (the
// channel holds one) rather than being flooded. Unlike Go's, a Ticker stops when its last
// handle is destroyed, so it cannot leak its timer.
class Ticker {
 public:
  explicit Ticker(duration period, std::source_location where = std::source_location::current());
  ~Ticker();
  Ticker(Ticker&&) noexcept = default;
  Ticker& operator=(Ticker&&) noexcept = default;
  recv_only<time_point> c() const;
  void stop(std::source_location where = std::source_location::current());
  void reset(duration period, std::source_location where = std::source_location::current());

 private:
  std::shared_ptr<detail::TickerState> state_;
};

// Go's time.Tick: a channel that delivers the time every period, for ever (never stopped).
recv_only<time_point> tick(duration period,
                           std::source_location where = std::source_location::current());

}  // namespace weft

// Timer, after_func, Ticker, tick and sleep: built on the runtime's one-shot timers.
//
// Each timer keeps a generation number: stop and reset bump it, and a firing whose generation
// is stale does nothing. That, plus draining the channel, gives Go 1.23's rule that no value
// from before a stop or reset is ever received.

#include "weft/task.h"
#include "weft/time.h"

namespace weft {

namespace detail {

struct TimerState : std::enable_shared_from_this<TimerState> {
  Mutex mu;
  chan<time_point> ch;           // nil when `func` is set; never closed
  std::function<void()> func;    // after_func's function
  rt::TimerId id WEFT_GUARDED_BY(mu) = 0;
  std::uint64_t generation WEFT_GUARDED_BY(mu) = 0;
  bool pending WEFT_GUARDED_BY(mu) = false;

  void arm(duration d) WEFT_REQUIRES(mu) {
    pending = true;
    const std::uint64_t gen = ++generation;
    id = rt::start_timer(rt::now() + d,
                         rt::make_work([self = shared_from_this(), gen] { self->fire(gen); }));
  }

  void fire(std::uint64_t gen) {
    std::function<void()> run;
    {
      MutexLock guard(mu);
      if (gen != generation || !pending) return;
      pending = false;
      if (func) {
        run = func;
      } else {
        ch.try_send(rt::now());  // the buffer is empty: drained by every stop and reset
      }
    }
    if (run) go(std::move(run));
  }

  // Stops a pending firing and drops a delivered but unreceived value; true if it was pending.
  bool disarm() WEFT_REQUIRES(mu) {
    const bool was_pending = pending;
    if (pending) rt::stop_timer(id);
    pending = false;
    ++generation;
    if (!ch.is_nil()) ch.try_recv();
    return was_pending;
  }
};

struct TickerState : std::enable_shared_from_this<TickerState> {
  Mutex mu;
  chan<time_point> ch = make_chan<time_point>(1);
  duration period WEFT_GUARDED_BY(mu){};
  time_point next WEFT_GUARDED_BY(mu){};
  rt::TimerId id WEFT_GUARDED_BY(mu) = 0;
  std::uint64_t generation WEFT_GUARDED_BY(mu) = 0;
  bool running WEFT_GUARDED_BY(mu) = false;

  void start(duration p) WEFT_REQUIRES(mu) {
    if (p <= duration::zero()) throw panic("non-positive interval for NewTicker");
    period = p;
    running = true;
    ++generation;
    next = rt::now() + period;
    schedule();
  }

  void schedule() WEFT_REQUIRES(mu) {
    const std::uint64_t gen = generation;
    id = rt::start_timer(next, rt::make_work([self = shared_from_this(), gen] { self->fire(gen); }));
  }

  void fire(std::uint64_t gen) {
    MutexLock guard(mu);
    if (gen != generation || !running) return;
    ch.try_send(rt::now());  // a tick nobody took yet makes this one drop, as in Go
    // Keep the phase; skip the ticks that are already late.
    const time_point now = rt::now();
    do next += period;
    while (next <= now);
    schedule();
  }

  void halt() WEFT_REQUIRES(mu) {
    if (running) rt::stop_timer(id);
    running = false;
    ++generation;
  }
};

}  // namespace detail

void sleep(duration d, std::source_location where) { after(d, where).recv(where); }

Timer::Timer(duration d, std::source_location where)
    : state_(std::make_shared<detail::TimerState>()) {
  rt::made(state_.get(), where);
  rt::point(rt::OpKind::timer_start, state_.get(), where);
  state_->ch = make_chan<time_point>(1);
  MutexLock guard(state_->mu);
  state_->arm(d);
}

recv_only<time_point> Timer::c() const { return state_->ch; }

bool Timer::stop(std::source_location where) {
  rt::point(rt::OpKind::timer_stop, state_.get(), where);
  MutexLock guard(state_->mu);
  return state_->disarm();
}

bool Timer::reset(duration d, std::source_location where) {
  rt::point(rt::OpKind::timer_start, state_.get(), where);
  MutexLock guard(state_->mu);
  const bool was_pending = state_->disarm();
  state_->arm(d);
  return was_pending;
}

Timer after_func(duration d, std::function<void()> f, std::source_location where) {
  auto state = std::make_shared<detail::TimerState>();
  rt::made(state.get(), where);
  rt::point(rt::OpKind::timer_start, state.get(), where);
  state->func = std::move(f);
  {
    MutexLock guard(state->mu);
    state->arm(d);
  }
  return Timer(std::move(state));
}

Ticker::Ticker(duration period, std::source_location where)
    : state_(std::make_shared<detail::TickerState>()) {
  rt::made(state_.get(), where);
  rt::point(rt::OpKind::timer_start, state_.get(), where);
  MutexLock guard(state_->mu);
  state_->start(period);
}

Ticker::~Ticker() {
  if (state_ != nullptr) stop();
}

recv_only<time_point> Ticker::c() const { return state_->ch; }

void Ticker::stop(std::source_location where) {
  rt::point(rt::OpKind::timer_stop, state_.get(), where);
  MutexLock guard(state_->mu);
  state_->halt();
}

void Ticker::reset(duration period, std::source_location where) {
  rt::point(rt::OpKind::timer_start, state_.get(), where);
  MutexLock guard(state_->mu);
  state_->halt();
  state_->start(period);
}

recv_only<time_point> tick(duration period, std::source_location where) {
  auto state = std::make_shared<detail::TickerState>();
  rt::made(state.get(), where);
  rt::point(rt::OpKind::timer_start, state.get(), where);
  MutexLock guard(state->mu);
  state->start(period);  // its pending timer owns the state: it ticks for ever
  return state->ch;
}

}  // namespace weft

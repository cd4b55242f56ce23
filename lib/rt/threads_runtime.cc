// The threads runtime's entry points that primitives reach through weft/rt/runtime.h.
#include <atomic>
#include <chrono>

#include "deadlock_watch.h"
#include "fiber_scheduler.h"
#include "parker.h"
#include "runtime_choice.h"
#include "task_pool.h"
#include "weft/rt/futex.h"
#include "weft/rt/runtime.h"

// The entry points of the runtime a process uses when no model runtime is installed: new tasks
// go to the chosen runtime (fibers or threads); parking and waking follow the parked task's
// kind, since plain threads (main, a std::thread) block on weft objects on either runtime.
namespace weft::rt::threads {

void spawn(WorkPtr body, std::source_location where) {
  if (chosen_runtime() == RuntimeKind::fibers) {
    fibers::spawn(std::move(body), where);
  } else {
    pool_spawn(std::move(body), where);
  }
}

TaskRef self() noexcept {
  if (fibers::running_on_fiber()) return fibers::self();
  return TaskRef{&this_thread_parker()};
}

namespace {
// About 5-10 µs of polling before sleeping: long enough to catch a waker that is mid-hand-off
// on the other core (a futex sleep and wake costs tens of µs here), short enough not to starve
// the task we wait for when cores are oversubscribed.
constexpr int kSpinIterations = 1024;
}  // namespace

void park(Parking& parking, const Op& waiting_on) noexcept {
  if (fibers::is_fiber(parking.task)) return fibers::park(parking, waiting_on);
  for (int i = 0; i < kSpinIterations; ++i) {
    if (parking.state.load(std::memory_order_acquire) == Parking::kWoken) return;
    cpu_relax();
  }
  std::uint32_t expected = Parking::kWaiting;
  plain_thread_sleeps(waiting_on);  // counted before it can be seen asleep (deadlock_watch.h)
  if (!parking.state.compare_exchange_strong(expected, Parking::kAsleep, std::memory_order_acquire,
                                             std::memory_order_acquire)) {
    plain_thread_sleep_cancelled();
    return;  // woken meanwhile
  }
  do {
    futex_wait(parking.state, Parking::kAsleep);
  } while (parking.state.load(std::memory_order_acquire) != Parking::kWoken);
  plain_thread_awake();
}

void unpark(Parking& parking) noexcept {
  if (fibers::is_fiber(parking.task)) return fibers::unpark(parking);
  // After this exchange the sleeper may return and its frame vanish; a wake aimed at a dead
  // address at most wakes some later futex sleeper spuriously, which re-checks its state.
  if (parking.state.exchange(Parking::kWoken, std::memory_order_release) == Parking::kAsleep) {
    plain_thread_woken();
    futex_wake_one(parking.state);
  }
}

std::size_t live_tasks() noexcept { return pool_live_tasks() + fibers::live_tasks(); }

bool spin_worthwhile() noexcept {
  return !fibers::running_on_fiber() || fibers::spin_worthwhile();
}

void run_blocking(Work& call, std::source_location where) {
  if (!fibers::running_on_fiber()) return call.run();
  Parking parking;
  pool_run_detached(make_work([&call, &parking] {
                      call.run();  // records its result or exception; does not throw
                      threads::unpark(parking);
                    }),
                    where);
  threads::park(parking, Op{OpKind::blocking, 0, {}, where});
}

namespace {
// wyrand: a small, fast generator with good statistical quality; one stream per thread.
constinit thread_local std::uint64_t tl_random_state = 0;
std::atomic<std::uint64_t> g_seed_counter{0};

std::uint64_t next_random() noexcept {
  if (tl_random_state == 0) [[unlikely]] {
    const auto now = static_cast<std::uint64_t>(
        std::chrono::steady_clock::now().time_since_epoch().count());
    tl_random_state = now ^ (g_seed_counter.fetch_add(1, std::memory_order_relaxed) *
                             0x9E3779B97F4A7C15ull) ^ 1;
  }
  tl_random_state += 0xA0761D6478BD642Full;
  const __uint128_t product =
      static_cast<__uint128_t>(tl_random_state) * (tl_random_state ^ 0xE7037ED1A0B428DBull);
  return static_cast<std::uint64_t>(product >> 64) ^ static_cast<std::uint64_t>(product);
}
}  // namespace

std::size_t choose(std::size_t n) noexcept {
  // Lemire's multiply-shift: uniform in [0, n) up to a bias of n / 2^64.
  return static_cast<std::size_t>((static_cast<__uint128_t>(next_random()) * n) >> 64);
}

}  // namespace weft::rt::threads

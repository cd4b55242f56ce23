// The threads runtime's entry points that primitives reach through weft/rt/runtime.h.
#include <atomic>
#include <chrono>

#include "parker.h"
#include "task_pool.h"
#include "weft/rt/runtime.h"

namespace weft::rt::threads {

void spawn(WorkPtr body, std::source_location where) { pool_spawn(std::move(body), where); }

TaskRef self() noexcept { return TaskRef{&this_thread_parker()}; }

void park() noexcept { this_thread_parker().park(); }

void unpark(TaskRef task) noexcept { static_cast<Parker*>(task.handle)->unpark(); }

std::size_t live_tasks() noexcept { return pool_live_tasks(); }

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

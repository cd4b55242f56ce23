// Linux futex wait/wake on a 32-bit atomic word: the one blocking mechanism of the threads
// runtime (parking a task, an internal lock's slow path).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace weft::rt::threads {

// Blocks while `word` holds `expected`, until futex_wake or `timeout` (negative: forever).
// May return spuriously; callers re-check their condition.
void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected,
                std::chrono::nanoseconds timeout = std::chrono::nanoseconds(-1)) noexcept;
void futex_wake_one(std::atomic<std::uint32_t>& word) noexcept;

// A CPU hint for spin loops.
inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield" ::: "memory");
#endif
}

}  // namespace weft::rt::threads

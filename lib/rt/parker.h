// Parker: how a thread of the threads runtime blocks until another wakes it.
//
// One per OS thread, living as long as the thread, so a waker may touch it after the parked
// thread has already moved on. It holds at most one wake-up token:
//   unpark() deposits the token (and wakes the thread if it sleeps);
//   park() consumes it, waiting for it if it is not there yet.
// Invariant (the runtime seam's contract): at most one unpark per park, so a token never piles
// up and park never returns without the unpark meant for it.
//
// park() spins briefly before it sleeps: a cross-core futex wake costs tens of microseconds,
// and the waker is usually about to arrive.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace weft::rt::threads {

class Parker {
 public:
  constexpr Parker() = default;
  Parker(const Parker&) = delete;
  Parker& operator=(const Parker&) = delete;

  void park() noexcept;
  // Like park, but gives up after `timeout`; returns whether the token was consumed.
  bool park_for(std::chrono::nanoseconds timeout) noexcept;
  void unpark() noexcept;

 private:
  static constexpr std::uint32_t kEmpty = 0;
  static constexpr std::uint32_t kNotified = 1;
  static constexpr std::uint32_t kParked = 2;

  bool try_consume() noexcept;
  bool spin_for_token() noexcept;

  std::atomic<std::uint32_t> state_{kEmpty};
};

// The calling thread's parker.
Parker& this_thread_parker() noexcept;

}  // namespace weft::rt::threads

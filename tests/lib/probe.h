// Probe: runs one possibly-blocking operation in its own task, so a test can see whether it is
// still blocked and, once something unblocks it, what it returned.
//
// "Still blocked" is checked after a grace period: a correct primitive never completes in that
// state, so the check cannot fail spuriously; a broken one fails it almost always.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "weft/weft.h"

namespace weft::testing {

inline constexpr auto kGrace = std::chrono::milliseconds(30);

template <class R>
class Probe {
 public:
  template <class F>
  explicit Probe(F op) : state_(std::make_shared<State>()) {
    weft::go([state = state_, op = std::move(op)]() mutable {
      try {
        if constexpr (std::is_void_v<R>) {
          op();
        } else {
          state->result.emplace(op());
        }
      } catch (...) {
        state->error = std::current_exception();
      }
      state->finished.store(true);
      state->done.close();
    });
  }

  // True when the operation is still blocked after the grace period.
  bool blocked() const {
    std::this_thread::sleep_for(kGrace);
    return !state_->finished.load();
  }

  // Waits for the operation to finish; rethrows what it threw.
  void wait() const {
    state_->done.recv_opt();
    if (state_->error) std::rethrow_exception(state_->error);
  }

  R result() const
    requires(!std::is_void_v<R>)
  {
    wait();
    return std::move(*state_->result);
  }

 private:
  struct State {
    std::atomic<bool> finished{false};
    weft::chan<int> done = weft::make_chan<int>();
    std::optional<std::conditional_t<std::is_void_v<R>, int, R>> result;
    std::exception_ptr error;
  };
  std::shared_ptr<State> state_;
};

template <class F>
Probe(F) -> Probe<std::invoke_result_t<F&>>;

// Expects `f` to throw weft::panic with exactly Go's message.
template <class F>
void expect_panic(F&& f, const std::string& message) {
  try {
    f();
    ADD_FAILURE() << "expected panic: " << message;
  } catch (const weft::panic& p) {
    EXPECT_EQ(p.what(), message);
  }
}

}  // namespace weft::testing

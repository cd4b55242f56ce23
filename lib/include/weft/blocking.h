// weft::blocking — call something that blocks its OS thread, without stalling other tasks.
//
//   ssize_t n = weft::blocking([&] { return ::read(fd, buf, sizeof buf); });
//
// On the fiber runtime (the default) tasks share a few worker threads. A task that blocks its
// thread outside weft — a system call, a std::mutex or std::condition_variable, sleep_for, a
// library's own wait — keeps every task queued on that worker from running meanwhile, and if
// what it waits for must come from one of them, the program hangs. blocking(f) runs f on a
// separate thread while the calling task is parked, then returns f's result (or rethrows what
// f threw) in the task.
//
// Use it for any call that may wait for long; not for weft's own operations (they park the task
// already) nor for short computation. On a plain thread, on the threads runtime and under the
// model checker it just calls f.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <source_location>
#include <type_traits>
#include <utility>

#include "weft/rt/runtime.h"

namespace weft {

template <class F>
std::invoke_result_t<F&> blocking(F&& f,
                                  std::source_location where = std::source_location::current()) {
  using R = std::invoke_result_t<F&>;
  if (rt::installed_runtime != nullptr) return std::invoke(f);  // the model checker: inline

  struct Call final : rt::Work {
    explicit Call(F& function) : fn(function) {}
    void run() override {
      try {
        if constexpr (std::is_void_v<R>) {
          std::invoke(fn);
        } else if constexpr (std::is_reference_v<R>) {
          result.emplace(std::ref(std::invoke(fn)));
        } else {
          result.emplace(std::invoke(fn));
        }
      } catch (...) {
        error = std::current_exception();
      }
    }
    F& fn;
    std::exception_ptr error;
    using Ref = std::reference_wrapper<std::remove_reference_t<R>>;
    using Stored = std::conditional_t<std::is_void_v<R>, char,
                                      std::conditional_t<std::is_reference_v<R>, Ref, R>>;
    std::optional<Stored> result;
  } call(f);
  rt::threads::run_blocking(call, where);
  if (call.error) std::rethrow_exception(call.error);
  if constexpr (std::is_void_v<R>) {
    return;
  } else if constexpr (std::is_reference_v<R>) {
    return call.result->get();
  } else {
    return std::move(*call.result);
  }
}

}  // namespace weft

// weft::go — start a task: Go's `go f(args...)`.
//
//   weft::go([&] { worker(jobs, results); });
//   weft::go(worker, jobs, results);        // f and args are copied (decay-copied) first
//
// A task is a goroutine: it is not joined implicitly, and its handle is not returned. Wait for
// it the way Go does: a channel it closes or sends on, a WaitGroup, a context. A task still
// blocked when the program's work is done is a leak (the harness reports it).
//
// A task runs as a fiber on one of a few worker threads (or, with WEFT_RUNTIME=threads, on a
// pooled OS thread; weft/runtime_choice.h). A weft::panic or other exception
// escaping a task ends the program, as an unrecovered panic in a goroutine does: the message
// and the place the task was started are printed, and the exit status is 2.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <source_location>
#include <tuple>
#include <type_traits>
#include <utility>

#include "weft/rt/runtime.h"

namespace weft {

// A class template only so that a defaulted source location can follow the arguments;
// use it as a function: weft::go(f, args...);
template <class F, class... Args>
struct go {
  static_assert(std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>,
                "weft::go(f, args...) needs f callable with (decayed copies of) args");

  explicit go(F&& f, Args&&... args, std::source_location where = std::source_location::current()) {
    rt::point(rt::Op{rt::OpKind::spawn, 0, {}, where});
    rt::spawn(rt::make_work([fn = std::decay_t<F>(std::forward<F>(f)),
                             tuple = std::tuple<std::decay_t<Args>...>(
                                 std::forward<Args>(args)...)]() mutable {
                std::apply(fn, std::move(tuple));
              }),
              where);
  }
};

template <class F, class... Args>
go(F&&, Args&&...) -> go<F, Args...>;

// weft::run(f) — runs f as a task and waits for it: a program's main as Go's main goroutine.
//
//   int main() {
//     return weft::run([] { ... channels, go, select ... return 0; });
//   }
//
// The calling thread blocks until f returns, then returns f's result (or rethrows what f threw).
// On the fiber runtime a hand-off between f and the tasks it talks to is a user-space switch;
// from a plain thread each one is a kernel wake-up. Under the model checker f runs inline.
template <class F>
std::invoke_result_t<F&> run(F&& f, std::source_location where = std::source_location::current()) {
  using R = std::invoke_result_t<F&>;
  if (rt::installed_runtime != nullptr) return std::invoke(f);
  using Stored = std::conditional_t<std::is_void_v<R>, char, R>;
  std::optional<Stored> result;
  std::exception_ptr error;
  rt::Parking finished;  // the calling thread's: a task unparks it
  rt::spawn(rt::make_work([&] {
              try {
                if constexpr (std::is_void_v<R>) {
                  std::invoke(f);
                } else {
                  result.emplace(std::invoke(f));
                }
              } catch (...) {
                error = std::current_exception();
              }
              rt::unpark(finished);
            }),
            where);
  rt::park(finished, rt::Op{rt::OpKind::run_join, 0, {}, where});
  if (error) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<R>) return std::move(*result);
}

}  // namespace weft

// weft::select — Go's select statement.
//
//   weft::select(
//       weft::case_recv(jobs, [&](int job, bool ok) { ... }),   // case job, ok := <-jobs:
//       weft::case_send(results, r, [&] { ... }),               // case results <- r:
//       weft::case_recv(weft::after(1s), [&] { ... }),          // case <-time.After(time.Second):
//       weft::case_default([&] { ... }));                       // default:
//
// Semantics, as Go's:
//   - Among the cases that can proceed, one is chosen uniformly at random.
//   - With none ready, select blocks until one is, or runs the default case if it has one.
//   - A nil channel's case is never ready; select() with no case blocks for ever.
//   - A send case on a closed channel is ready, and panics "send on closed channel" if chosen.
//   - A receive case on a closed channel is always ready (zero value, ok = false).
// The handler of the chosen case runs after the channel operation completed; select returns
// the chosen case's position among its arguments (the default's position for the default).
//
// A receive handler may take (T value, bool ok), (T value) or nothing. A send case's value is
// moved into the channel only if that case is chosen. Build cases inside the select call: a
// case refers to a channel passed as an lvalue and owns one passed as a temporary.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <functional>
#include <source_location>
#include <type_traits>
#include <utility>

#include "weft/chan.h"

namespace weft {

namespace detail {

struct NoHandler {
  void operator()() const noexcept {}
};

// Keeps an lvalue channel by reference, a temporary one by value.
template <class Ch>
using CaseChannel = std::conditional_t<std::is_lvalue_reference_v<Ch>, Ch,
                                       std::remove_cvref_t<Ch>>;

template <class Ch, class F>
class RecvCase {
 public:
  using channel_type = std::remove_cvref_t<Ch>;
  using T = typename channel_type::value_type;
  static_assert(std::is_invocable_v<F&, T, bool> || std::is_invocable_v<F&, T> ||
                    std::is_invocable_v<F&>,
                "a receive case's handler takes (T value, bool ok), (T value) or ()");

  RecvCase(Ch&& ch, F&& fn, std::source_location where)
      : ch_(std::forward<Ch>(ch)), fn_(std::forward<F>(fn)), where_(where) {}

  SelectCase erase() { return {ch_.core(), false, storage_.raw()}; }
  std::source_location where() const { return where_; }

  void complete(bool received) {
    if constexpr (std::is_invocable_v<F&, T, bool>) {
      fn_(take(received), received);
    } else if constexpr (std::is_invocable_v<F&, T>) {
      fn_(take(received));
    } else {
      if (received) storage_.take();  // destroy the value nobody asked for
      fn_();
    }
  }

 private:
  T take(bool received) {
    if (received) return storage_.take();
    if constexpr (std::default_initializable<T>) {
      return T{};
    } else {
      static_assert(std::default_initializable<T>,
                    "a handler that takes the value needs T's zero value for a closed channel; "
                    "use a handler taking no arguments");
    }
  }

  CaseChannel<Ch> ch_;
  std::decay_t<F> fn_;
  ElemStorage<T> storage_;
  std::source_location where_;
};

template <class Ch, class F>
class SendCase {
 public:
  using channel_type = std::remove_cvref_t<Ch>;
  using T = typename channel_type::value_type;
  static_assert(std::is_invocable_v<F&>, "a send case's handler takes no arguments");

  SendCase(Ch&& ch, T value, F&& fn, std::source_location where)
      : ch_(std::forward<Ch>(ch)), value_(std::move(value)), fn_(std::forward<F>(fn)), where_(where) {}

  SelectCase erase() { return {ch_.core(), true, &value_}; }
  std::source_location where() const { return where_; }
  void complete(bool) { fn_(); }

 private:
  CaseChannel<Ch> ch_;
  T value_;
  std::decay_t<F> fn_;
  std::source_location where_;
};

template <class F>
class DefaultCase {
 public:
  static_assert(std::is_invocable_v<F&>, "the default case's handler takes no arguments");
  explicit DefaultCase(F&& fn) : fn_(std::forward<F>(fn)) {}
  void complete() { fn_(); }

 private:
  std::decay_t<F> fn_;
};

template <class C>
inline constexpr bool is_default_case = false;
template <class F>
inline constexpr bool is_default_case<DefaultCase<F>> = true;

template <class C>
concept receiving_channel = requires(const C& c) { c.recv_opt(); };
template <class C>
concept sending_channel = requires(const C& c) { c.close(); };

}  // namespace detail

// case v, ok := <-ch:  (ch is a chan<T> or a recv_only<T>)
template <class Ch, class F = detail::NoHandler>
  requires detail::receiving_channel<std::remove_cvref_t<Ch>>
detail::RecvCase<Ch, F> case_recv(Ch&& ch, F&& fn = {},
                                  std::source_location where = std::source_location::current()) {
  return {std::forward<Ch>(ch), std::forward<F>(fn), where};
}

// case ch <- value:  (ch is a chan<T> or a send_only<T>)
template <class Ch, class F = detail::NoHandler>
  requires detail::sending_channel<std::remove_cvref_t<Ch>>
detail::SendCase<Ch, F> case_send(Ch&& ch, typename std::remove_cvref_t<Ch>::value_type value,
                                  F&& fn = {},
                                  std::source_location where = std::source_location::current()) {
  return {std::forward<Ch>(ch), std::move(value), std::forward<F>(fn), where};
}

// default:
template <class F = detail::NoHandler>
detail::DefaultCase<F> case_default(F&& fn = {}) {
  return detail::DefaultCase<F>(std::forward<F>(fn));
}

template <class... Cases>
std::size_t select(Cases&&... cases) {
  using namespace detail;
  constexpr std::size_t kDefaults = (std::size_t{0} + ... + is_default_case<std::remove_cvref_t<Cases>>);
  static_assert(kDefaults <= 1, "a select has at most one default case");
  constexpr std::size_t kChannelCases = sizeof...(Cases) - kDefaults;
  if constexpr (sizeof...(Cases) == 0) {
    // Go's `select {}`: blocks for ever.
    detail::select({}, false, std::source_location::current());
    return 0;
  }

  // The channel cases, type-erased in argument order, and each one's argument position.
  std::array<SelectCase, kChannelCases> erased{};
  std::array<std::size_t, kChannelCases + 1> position{};
  std::size_t default_position = 0;
  std::source_location where = std::source_location::current();
  {
    std::size_t arg = 0, k = 0;
    [[maybe_unused]] auto add = [&](auto& c) {
      if constexpr (is_default_case<std::remove_cvref_t<decltype(c)>>) {
        default_position = arg;
      } else {
        if (k == 0) where = c.where();
        erased[k] = c.erase();
        position[k++] = arg;
      }
      ++arg;
    };
    (add(cases), ...);
  }
  const SelectResult result = detail::select(erased, kDefaults == 1, where);

  // Run the chosen case's handler.
  const std::size_t chosen =
      result.index == kChannelCases ? default_position : position[result.index];
  std::size_t arg = 0;
  [[maybe_unused]] auto run = [&](auto& c) {
    if (arg++ != chosen) return;
    if constexpr (is_default_case<std::remove_cvref_t<decltype(c)>>) {
      c.complete();
    } else {
      c.complete(result.received);
    }
  };
  (run(cases), ...);
  return chosen;
}

}  // namespace weft

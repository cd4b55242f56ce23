// Error handling: couple each result with its error, so the errors reach the code that has
// the whole picture instead of dying (or being logged and lost) inside a task.
//
//   for (auto& r : try_stage(done, urls, fetch)) {
//     if (!r.ok()) { std::printf("error: %s\n", r.error().c_str()); continue; }
//     use(r.value());
//   }
//
// try_stage applies a function that may throw to every value; each exception becomes an error
// result, carrying its what().
#pragma once

#include <exception>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "weft/patterns/done.h"
#include "weft/task.h"

namespace weft {

template <class T>
class result {
 public:
  result() : state_(std::in_place_index<1>, Error{"no result"}) {}
  static result success(T value) { return result(std::in_place_index<0>, std::move(value)); }
  static result failure(std::string error) {
    return result(std::in_place_index<1>, Error{std::move(error)});
  }

  bool ok() const noexcept { return state_.index() == 0; }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const std::string& error() const { return std::get<1>(state_).message; }

 private:
  template <std::size_t I, class V>
  result(std::in_place_index_t<I> i, V&& v) : state_(i, std::forward<V>(v)) {}
  struct Error {  // its own type, so result<std::string> is unambiguous
    std::string message;
  };
  std::variant<T, Error> state_;
};

template <class T, class F, class U = std::invoke_result_t<F&, T>>
recv_only<result<U>> try_stage(done_chan done, recv_only<T> in, F fn) {
  auto out = make_chan<result<U>>();
  go([done, in, out, fn = std::move(fn)]() mutable {
    while (auto v = patterns_detail::recv_or_done(done, in)) {
      result<U> r;
      try {
        r = result<U>::success(fn(std::move(*v)));
      } catch (const std::exception& e) {
        r = result<U>::failure(e.what());
      } catch (...) {
        r = result<U>::failure("unknown exception");
      }
      if (!patterns_detail::send_or_done<result<U>>(done, out, std::move(r))) break;
    }
    out.close();
  });
  return out;
}

}  // namespace weft

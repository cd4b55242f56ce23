// Generators: stages that turn values or a function into a stream.
//   generator(done, {1, 2, 3})   the values, then closes
//   repeat(done, {1, 2})         1, 2, 1, 2, ... until done
//   repeat_fn(done, f)           f(), f(), ... until done
//   take(done, in, n)            the first n values of in, then closes
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <vector>

#include "weft/patterns/done.h"
#include "weft/task.h"

namespace weft {

template <class T>
recv_only<T> generator(done_chan done, std::vector<T> values) {
  auto out = make_chan<T>();
  go([done, out, values = std::move(values)]() mutable {
    for (T& v : values) {
      if (!patterns_detail::send_or_done<T>(done, out, std::move(v))) break;
    }
    out.close();
  });
  return out;
}

template <class T>
recv_only<T> generator(done_chan done, std::initializer_list<T> values) {
  return generator(std::move(done), std::vector<T>(values));
}

template <class T>
recv_only<T> repeat(done_chan done, std::vector<T> values) {
  auto out = make_chan<T>();
  go([done, out, values = std::move(values)] {
    for (bool running = !values.empty(); running;) {
      for (const T& v : values) {
        if (!patterns_detail::send_or_done<T>(done, out, v)) {
          running = false;
          break;
        }
      }
    }
    out.close();
  });
  return out;
}

template <class T>
recv_only<T> repeat(done_chan done, std::initializer_list<T> values) {
  return repeat(std::move(done), std::vector<T>(values));
}

template <class F, class T = std::invoke_result_t<F&>>
recv_only<T> repeat_fn(done_chan done, F fn) {
  auto out = make_chan<T>();
  go([done, out, fn = std::move(fn)]() mutable {
    while (patterns_detail::send_or_done<T>(done, out, fn())) {
    }
    out.close();
  });
  return out;
}

template <class T>
recv_only<T> take(done_chan done, recv_only<T> in, std::size_t n) {
  auto out = make_chan<T>();
  go([done, in, out, n] {
    for (std::size_t i = 0; i < n; ++i) {
      auto v = patterns_detail::recv_or_done(done, in);
      if (!v || !patterns_detail::send_or_done<T>(done, out, std::move(*v))) break;
    }
    out.close();
  });
  return out;
}

}  // namespace weft

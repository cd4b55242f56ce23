// Pipeline stages, in the book's two styles.
//   batch:  each stage takes a whole slice and returns a new one (simple; holds everything).
//     auto r = batch_stage(batch_stage(values, add1), times2);
//   stream: each stage is a task between two channels, one element at a time.
//     auto r = stream_stage(done, stream_stage(done, generator(done, {1, 2}), add1), times2);
#pragma once

#include <type_traits>
#include <vector>

#include "weft/patterns/done.h"
#include "weft/task.h"

namespace weft {

template <class T, class F, class U = std::invoke_result_t<F&, const T&>>
std::vector<U> batch_stage(const std::vector<T>& values, F fn) {
  std::vector<U> out;
  out.reserve(values.size());
  for (const T& v : values) out.push_back(fn(v));
  return out;
}

template <class T, class F, class U = std::invoke_result_t<F&, T>>
recv_only<U> stream_stage(done_chan done, recv_only<T> in, F fn) {
  auto out = make_chan<U>();
  go([done, in, out, fn = std::move(fn)]() mutable {
    while (auto v = patterns_detail::recv_or_done(done, in)) {
      if (!patterns_detail::send_or_done<U>(done, out, fn(std::move(*v)))) break;
    }
    out.close();
  });
  return out;
}

}  // namespace weft

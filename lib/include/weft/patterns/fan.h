// Fan-out and fan-in.
//   fan_out(done, in, n, f)   n tasks each apply f to values taken from one input stream;
//                             returns their n output streams (order across them is lost)
//   fan_in(done, streams)     merges streams into one; closes when all are closed
#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>
#include <vector>

#include "weft/patterns/done.h"
#include "weft/patterns/stages.h"
#include "weft/sync/wait_group.h"
#include "weft/task.h"

namespace weft {

template <class T, class F, class U = std::invoke_result_t<F&, T>>
std::vector<recv_only<U>> fan_out(done_chan done, recv_only<T> in, std::size_t n, F fn) {
  std::vector<recv_only<U>> outs;
  outs.reserve(n);
  for (std::size_t i = 0; i < n; ++i) outs.push_back(stream_stage(done, in, fn));
  return outs;
}

template <class T>
recv_only<T> fan_in(done_chan done, std::vector<recv_only<T>> streams) {
  auto out = make_chan<T>();
  auto wg = std::make_shared<WaitGroup>();
  wg->add(static_cast<std::int64_t>(streams.size()));
  for (auto& in : streams) {
    go([done, in, out, wg] {
      patterns_detail::forward<T>(done, in, out);
      wg->done();
    });
  }
  go([out, wg] {
    wg->wait();
    out.close();
  });
  return out;
}

}  // namespace weft

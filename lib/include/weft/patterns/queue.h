// Queuing: decoupling a fast stage from a slow one.
//   buffered(done, in, n)   a stage with room for n values, so the stage before it can run
//                           ahead by up to n (the book's queue between pipeline stages)
//   chunked(done, in, n)    groups the stream into vectors of up to n values, so the stage
//                           after it pays its per-call cost once per chunk (the book's bufio
//                           example); the last chunk may be shorter
// Queuing helps only when a stage's cost is per batch or its speed varies; it does not make a
// pipeline faster than its slowest stage (Little's law).
#pragma once

#include <cstddef>
#include <vector>

#include "weft/patterns/done.h"
#include "weft/task.h"

namespace weft {

template <class T>
recv_only<T> buffered(done_chan done, recv_only<T> in, std::size_t n) {
  auto out = make_chan<T>(static_cast<std::ptrdiff_t>(n));
  go([done, in, out] {
    patterns_detail::forward<T>(done, in, out);
    out.close();
  });
  return out;
}

template <class T>
recv_only<std::vector<T>> chunked(done_chan done, recv_only<T> in, std::size_t n) {
  if (n == 0) throw panic("chunked: chunk size must be positive");
  auto out = make_chan<std::vector<T>>();
  go([done, in, out, n] {
    std::vector<T> chunk;
    bool stopped = false;
    for (;;) {
      bool in_open = true;
      select(case_recv(done, [&] { stopped = true; }), case_recv(in, [&](T v, bool ok) {
               if (ok) {
                 chunk.push_back(std::move(v));
               } else {
                 in_open = false;
               }
             }));
      if (stopped) break;
      if (chunk.size() == n || (!in_open && !chunk.empty())) {
        if (!patterns_detail::send_or_done<std::vector<T>>(done, out, std::move(chunk))) break;
        chunk.clear();
      }
      if (!in_open) break;
    }
    out.close();
  });
  return out;
}

}  // namespace weft

// tee and bridge.
//   tee(done, in)          two streams that each get every value of in (like the Unix tee);
//                          a value goes to both before the next is read
//   bridge(done, streams)  a stream of streams flattened into one, in order
#pragma once

#include <utility>

#include "weft/patterns/done.h"
#include "weft/task.h"

namespace weft {

template <class T>
std::pair<recv_only<T>, recv_only<T>> tee(done_chan done, recv_only<T> in) {
  auto out1 = make_chan<T>();
  auto out2 = make_chan<T>();
  go([done, in, out1, out2] {
    while (auto v = patterns_detail::recv_or_done(done, in)) {
      // Deliver to both, in whichever order they are ready; a nil channel's case never fires,
      // so each output is dropped from the select once it has the value.
      chan<T> a = out1, b = out2;
      bool stopped = false;
      for (int delivered = 0; delivered < 2 && !stopped; ++delivered) {
        select(case_recv(done, [&] { stopped = true; }), case_send(a, *v, [&] { a = chan<T>(); }),
               case_send(b, *v, [&] { b = chan<T>(); }));
      }
      if (stopped) break;
    }
    out1.close();
    out2.close();
  });
  return {out1, out2};
}

template <class T>
recv_only<T> bridge(done_chan done, recv_only<recv_only<T>> streams) {
  auto out = make_chan<T>();
  go([done, streams, out] {
    for (bool running = true; running;) {
      auto stream = patterns_detail::recv_or_done(done, streams);
      if (!stream) break;
      while (auto v = patterns_detail::recv_or_done(done, *stream)) {
        if (!patterns_detail::send_or_done<T>(done, out, std::move(*v))) {
          running = false;
          break;
        }
      }
    }
    out.close();
  });
  return out;
}

}  // namespace weft

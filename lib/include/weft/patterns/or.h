// or_channel and or_done.
//   or_channel(signals)   one done channel that closes as soon as any of `signals` closes (or
//                         delivers): "done when any of these is done"
//   or_done(done, in)     in's values until in closes or done closes, so a consumer can range
//                         over a channel it does not own without hanging when asked to stop
#pragma once

#include <memory>
#include <vector>

#include "weft/patterns/done.h"
#include "weft/sync/once.h"
#include "weft/task.h"

namespace weft {

template <class T>
recv_only<empty> or_channel(std::vector<recv_only<T>> signals) {
  if (signals.empty()) return recv_only<empty>();  // nothing can fire: a nil channel, as in Go
  auto any = make_chan<empty>();
  auto close_once = std::make_shared<Once>();
  // One watcher per signal; each ends when its signal fires or another one has.
  for (auto& s : signals) {
    go([s, any, close_once] {
      if (select(case_recv(s), case_recv(recv_only<empty>(any))) == 0) {
        close_once->call([&] { any.close(); });
      }
    });
  }
  return any;
}

template <class T>
recv_only<T> or_done(done_chan done, recv_only<T> in) {
  auto out = make_chan<T>();
  go([done, in, out] {
    patterns_detail::forward<T>(done, in, out);
    out.close();
  });
  return out;
}

}  // namespace weft

// The two moves every pattern stage makes: send unless told to stop, receive unless told to
// stop. "Whoever creates a task is responsible for stopping it": every stage selects on its
// `done` channel at each blocking step, so closing done (or canceling the context whose done()
// it is) ends every task a pattern started, however far the consumer got.
#pragma once

#include <optional>
#include <utility>

#include "weft/chan.h"
#include "weft/context.h"
#include "weft/select.h"

namespace weft {

// What the patterns take as their stop signal: a done channel or ctx.done().
using done_chan = recv_only<empty>;

namespace patterns_detail {

// Sends v on out; false if done closed first (v is then dropped).
template <class T>
bool send_or_done(const done_chan& done, const send_only<T>& out, T v) {
  return select(case_recv(done), case_send(out, std::move(v))) == 1;
}

// Receives from in; nullopt if done closed first or in is closed and drained.
template <class T>
std::optional<T> recv_or_done(const done_chan& done, const recv_only<T>& in) {
  std::optional<T> got;
  select(case_recv(done), case_recv(in, [&](T v, bool ok) {
           if (ok) got.emplace(std::move(v));
         }));
  return got;
}

// Copies in's values to out until in is closed and drained or done closes; out stays open.
template <class T>
void forward(const done_chan& done, const recv_only<T>& in, const send_only<T>& out) {
  while (auto v = recv_or_done(done, in)) {
    if (!send_or_done<T>(done, out, std::move(*v))) return;
  }
}

}  // namespace patterns_detail
}  // namespace weft

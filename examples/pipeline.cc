// The book's pipeline: a generator, a stage that multiplies, a stage that adds, each a task
// that owns its output channel (makes it, sends, closes it) and hands out a receive view.
// A done channel lets the consumer stop the whole pipeline early without leaking a task.
#include <cstdio>
#include <initializer_list>
#include <vector>

#include "weft/weft.h"

using weft::case_recv;
using weft::case_send;
using weft::chan;
using weft::recv_only;

recv_only<int> generator(recv_only<int> done, std::vector<int> values) {
  auto out = weft::make_chan<int>();
  weft::go([=] {
    for (int v : values) {
      if (weft::select(case_recv(done), case_send(out, v)) == 0) break;
    }
    out.close();
  });
  return out;
}

template <class F>
recv_only<int> stage(recv_only<int> done, recv_only<int> in, F f) {
  auto out = weft::make_chan<int>();
  weft::go([=] {
    for (int v : in) {
      if (weft::select(case_recv(done), case_send(out, f(v))) == 0) break;
    }
    out.close();
  });
  return out;
}

int main() {
  std::printf("pipeline: generator -> multiply(2) -> add(1) -> multiply(2)\n");
  auto done = weft::make_chan<int>();
  auto source = generator(done, {1, 2, 3, 4});
  auto doubled = stage(done, source, [](int v) { return v * 2; });
  auto plus_one = stage(done, doubled, [](int v) { return v + 1; });
  auto result = stage(done, plus_one, [](int v) { return v * 2; });
  for (int v : result) std::printf("  %d\n", v);
  done.close();
}

#include <chrono>

#include "weft/weft.h"

using namespace std::chrono_literals;

int with_timeout() {
  auto result = weft::make_chan<int>();
  weft::go([result] {
    result.send(42);  // expect-warning: weft-unbuffered-send-abandoned
  });
  int answer = -1;
  weft::select(weft::case_recv(result, [&](int v) { answer = v; }), weft::case_recv(weft::after(1s)));
  return answer;
}

int with_done(weft::recv_only<weft::empty> done) {
  auto result = weft::make_chan<int>(0);
  weft::go([result] { result.send(1); });  // expect-warning: weft-unbuffered-send-abandoned
  int answer = 0;
  weft::select(weft::case_recv(result, [&](int v) { answer = v; }), weft::case_recv(done));
  return answer;
}

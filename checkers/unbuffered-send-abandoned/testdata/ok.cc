#include <chrono>

#include "weft/weft.h"

using namespace std::chrono_literals;

int buffered() {
  auto result = weft::make_chan<int>(1);
  weft::go([result] { result.send(42); });
  int answer = -1;
  weft::select(weft::case_recv(result, [&](int v) { answer = v; }), weft::case_recv(weft::after(1s)));
  return answer;
}

int always_received() {
  auto result = weft::make_chan<int>();
  weft::go([result] { result.send(42); });
  return result.recv().value;
}

int select_alone() {
  auto result = weft::make_chan<int>();
  weft::go([result] { result.send(42); });
  int answer = 0;
  weft::select(weft::case_recv(result, [&](int v) { answer = v; }));
  return answer;
}

weft::recv_only<int> handed_on() {
  auto result = weft::make_chan<int>();
  weft::go([result] { result.send(42); });
  return result;
}

int send_in_select(weft::recv_only<weft::empty> done) {
  auto result = weft::make_chan<int>();
  weft::go([result, done] { weft::select(weft::case_send(result, 1), weft::case_recv(done)); });
  int answer = 0;
  weft::select(weft::case_recv(result, [&](int v) { answer = v; }), weft::case_recv(done));
  return answer;
}

// select at work: a for-select loop that takes work until a done channel closes, a receive
// with a timeout, and a non-blocking send with a default case.
#include <chrono>
#include <cstdio>

#include "weft/weft.h"

using namespace std::chrono_literals;
using weft::case_default;
using weft::case_recv;
using weft::case_send;

int main() {
  std::printf("select_timeout: for-select, timeouts and default\n");

  // 1. A worker loops on select until done is closed.
  auto jobs = weft::make_chan<int>();
  auto done = weft::make_chan<int>();
  auto stopped = weft::make_chan<int>();
  weft::go([=] {
    int handled = 0;
    for (bool running = true; running;) {
      weft::select(case_recv(jobs, [&](int j) { std::printf("  worker: job %d\n", j), ++handled; }),
                   case_recv(done, [&] { running = false; }));
    }
    std::printf("  worker: done after %d jobs\n", handled);
    stopped.close();
  });
  for (int j = 1; j <= 3; ++j) jobs.send(j);
  done.close();
  stopped.recv();

  // 2. A receive that gives up after 50ms, because nobody sends.
  auto silent = weft::make_chan<int>();
  const auto start = weft::now();
  weft::select(case_recv(silent, [](int v) { std::printf("  got %d\n", v); }),
               case_recv(weft::after(50ms), [&] {
                 const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
                     weft::now() - start);
                 std::printf("  timed out after %lld ms\n", static_cast<long long>(waited.count()));
               }));

  // 3. A send that must not block: the buffer has room for two.
  auto mailbox = weft::make_chan<int>(2);
  for (int msg = 1; msg <= 3; ++msg) {
    weft::select(case_send(mailbox, msg, [&] { std::printf("  queued message %d\n", msg); }),
                 case_default([&] { std::printf("  mailbox full, dropped message %d\n", msg); }));
  }
}

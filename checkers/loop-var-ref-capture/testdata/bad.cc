#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "weft/weft.h"

void salutations() {
  weft::WaitGroup wg;
  for (std::string salutation : {"hello", "greetings", "good day"}) {
    wg.add(1);
    weft::go([&] {  // expect-warning: weft-loop-var-ref-capture
      std::puts(salutation.c_str());
      wg.done();
    });
  }
  wg.wait();
}

void indexed(std::vector<int>& out) {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&i, &out] { out[static_cast<std::size_t>(i)] = i; });  // expect-warning: weft-loop-var-ref-capture
  }
  for (auto& t : threads) t.join();
}

void body_local() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    int square = i * i;
    threads.push_back(std::thread([&square] { std::printf("%d\n", square); }));  // expect-warning: weft-loop-var-ref-capture
  }
  for (auto& t : threads) t.join();
}

// One finding for the task, naming both variables; the atomic cannot be copied, so the advice
// is not a capture by value.
std::vector<std::thread> pending;
void two_borrowed() {
  for (int n : {1, 2, 3}) {
    std::atomic<int> hits{0};
    pending.emplace_back([&] { hits += n; });  // expect-warning: weft-loop-var-ref-capture
  }
}

// Threads kept in a container of the iteration but never joined there.
void container_not_joined(std::vector<std::thread>& keep) {
  for (int n : {1, 2, 3}) {
    std::vector<std::thread> ts;
    ts.emplace_back([&] { std::printf("%d\n", n); });  // expect-warning: weft-loop-var-ref-capture
    for (auto& t : ts) keep.push_back(std::move(t));
  }
}

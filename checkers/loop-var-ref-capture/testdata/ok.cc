#include <cstdio>
#include <atomic>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "weft/weft.h"

void by_value() {
  weft::WaitGroup wg;
  for (std::string salutation : {"hello", "greetings"}) {
    wg.add(1);
    weft::go([salutation, &wg] {  // wg is declared outside the loop
      std::puts(salutation.c_str());
      wg.done();
    });
  }
  wg.wait();
}

void joined_each_iteration() {
  for (int i = 0; i < 4; ++i) {
    std::thread t([&i] { std::printf("%d\n", i); });
    t.join();
  }
}

void jthread_each_iteration() {
  for (int i = 0; i < 4; ++i) {
    std::jthread t([&i] { std::printf("%d\n", i); });
  }
}

void future_each_iteration() {
  for (int i = 0; i < 4; ++i) {
    auto f = std::async(std::launch::async, [&i] { return i * 2; });
    f.get();
  }
}

void argument_copy() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back([](int n) { std::printf("%d\n", n); }, i);
  for (auto& t : threads) t.join();
}

void waited_each_iteration() {
  for (int i = 0; i < 4; ++i) {
    weft::WaitGroup wg;
    wg.add(1);
    weft::go([&] {
      std::printf("%d\n", i);
      wg.done();
    });
    wg.wait();
  }
}

// Futures and threads kept in a container of the same iteration, waited for or joined before
// it ends: the tasks end with the iteration, so borrowing its variables is fine.
void futures_in_iteration_container() {
  for (int n : {1, 2, 3}) {
    std::atomic<int> hits{0};
    std::vector<std::future<void>> fs;
    for (int w = 0; w < 4; ++w) fs.push_back(std::async(std::launch::async, [&] { hits += n; }));
    for (auto& f : fs) f.get();
  }
}

void threads_in_iteration_container() {
  for (int n : {1, 2, 3}) {
    int total = 0;
    std::vector<std::thread> ts;
    for (int w = 0; w < 4; ++w) ts.emplace_back([&] { total += n; });
    for (auto& t : ts) t.join();
    std::vector<std::thread> more;
    more.push_back(std::thread([&] { total += n; }));
    for (std::size_t i = 0; i < more.size(); ++i) more[i].join();
  }
}

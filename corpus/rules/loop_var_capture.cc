// expect: n/a
// vet: weft-loop-var-ref-capture
// Breaks "give each task its own copy of the loop variable": the threads capture the
// per-iteration variable by reference, and it is gone (or reused) by the time they read it.
// The harness does not track object lifetimes; this is weft-vet's to find.
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

void greet_everyone() {
  std::vector<std::thread> threads;
  for (std::string salutation : {"hello", "greetings", "good day"}) {
    threads.emplace_back([&] { std::puts(salutation.c_str()); });  // expect-warning: weft-loop-var-ref-capture
  }
  for (auto& t : threads) t.join();
}

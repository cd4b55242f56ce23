// expect: n/a
// vet: weft-detach-borrows-locals
// A detached thread keeps a reference to a local of the function that started it; the function
// returns and the thread reads a dead object. Real threads are not run by the harness.
#include <cstdio>
#include <string>
#include <thread>

static void log_line(const std::string& line) { std::puts(line.c_str()); }

void log_async(int code) {
  std::string message = "code " + std::to_string(code);
  std::thread([&message] { log_line(message); }).detach();  // expect-warning: weft-detach-borrows-locals
}

#include <functional>
#include <string>
#include <thread>

void use(const std::string&) {}
void use_ptr(int*) {}

void bad(int param) {
  std::string name = "x";
  int counter = 0;
  std::thread t1([&] { use(name); });
  t1.detach();  // expect-warning: weft-detach-borrows-locals
  std::thread([&counter] { ++counter; }).detach();  // expect-warning: weft-detach-borrows-locals
  std::thread t3(use, std::ref(name));
  t3.detach();  // expect-warning: weft-detach-borrows-locals
  std::thread t4(use_ptr, &counter);
  t4.detach();  // expect-warning: weft-detach-borrows-locals
  std::thread([&param] { ++param; }).detach();  // expect-warning: weft-detach-borrows-locals
}

#include <memory>
#include <string>
#include <thread>

void use(const std::string&) {}
static int global_counter = 0;

void ok() {
  std::string name = "x";
  std::thread([name] { use(name); }).detach();  // a copy
  auto shared = std::make_shared<std::string>("y");
  std::thread([shared] { use(*shared); }).detach();
  std::thread([] { ++global_counter; }).detach();  // not a local
  std::thread joined([&] { use(name); });
  joined.join();  // borrowing is fine when joined
  static int counter = 0;
  std::thread([&] { ++counter; }).detach();  // static storage
}

void ref_param(std::string& outside) {
  std::thread([&outside] { use(outside); }).detach();  // refers to the caller's object
}

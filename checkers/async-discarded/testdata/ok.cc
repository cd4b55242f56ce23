#include <future>
#include <vector>

int work() { return 1; }

int ok() {
  auto f = std::async(std::launch::async, work);
  std::vector<std::future<int>> all;
  all.push_back(std::async(std::launch::async, work));
  std::async(std::launch::deferred, work);  // runs nothing: not this check's business
  return f.get() + all[0].get();
}

std::future<int> returned() { return std::async(std::launch::async, work); }

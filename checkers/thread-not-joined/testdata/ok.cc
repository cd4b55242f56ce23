#include <thread>
#include <utility>
#include <vector>

void work() {}
bool ready();

void joined() {
  std::thread t(work);
  t.join();
}

void detached() {
  std::thread t(work);
  t.detach();
}

void return_after_join() {
  std::thread t(work);
  t.join();
  if (!ready()) return;
}

std::thread handed_out() {
  std::thread t(work);
  return t;  // moved out: the caller owns it
}

void moved_into_container(std::vector<std::thread>& pool) {
  std::thread t(work);
  pool.push_back(std::move(t));
}

void lambda_returns_inside() {
  std::thread t([] {
    if (!ready()) return;  // the thread's own return
    work();
  });
  t.join();
}

void not_started() { std::thread empty; }

class Server {
 public:
  void start() { loop_ = std::thread(work); }
  ~Server() {
    if (loop_.joinable()) loop_.join();
  }
 private:
  std::thread loop_;
};

class Idle {
  std::thread never_started_;
};

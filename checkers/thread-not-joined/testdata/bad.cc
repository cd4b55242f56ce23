#include <stdexcept>
#include <thread>

void work() {}
bool ready();

void never_joined() {
  std::thread t(work);  // expect-warning: weft-thread-not-joined
}

void early_return() {
  std::thread t(work);
  if (!ready()) return;  // expect-warning: weft-thread-not-joined
  t.join();
}

void early_throw() {
  std::thread t([] { work(); });
  if (!ready()) throw std::runtime_error("not ready");  // expect-warning: weft-thread-not-joined
  t.join();
}

class Server {
 public:
  void start() { loop_ = std::thread(work); }
 private:
  std::thread loop_;  // expect-warning: weft-thread-not-joined
};

class Worker {
 public:
  Worker() : thread_(work) {}
  ~Worker() {}
 private:
  std::thread thread_;  // expect-warning: weft-thread-not-joined
};

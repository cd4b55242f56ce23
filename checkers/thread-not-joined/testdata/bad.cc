#include <stdexcept>
#include <thread>
#include <vector>

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

// Joined on one branch's path, not on the other's.
int joined_in_one_branch(int n) {
  std::thread t(work);
  if (n > 0) {
    t.join();
    return 1;
  }
  if (n < -5) return 2;  // expect-warning: weft-thread-not-joined
  t.join();
  return 0;
}

// Threads in a container: an early return skips the loop that joins them.
bool bad_input();
void container_early_return() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(work);
  if (bad_input()) return;  // expect-warning: weft-thread-not-joined
  for (auto& t : ts) t.join();
}

// A thread container never joined at all.
void container_never_joined() {
  std::vector<std::thread> ts;  // expect-warning: weft-thread-not-joined
  ts.emplace_back(work);
}

// A break that leaves the loop body while its thread runs.
void break_out(int n) {
  for (int i = 0; i < n; ++i) {
    std::thread t(work);
    if (i == 3) break;  // expect-warning: weft-thread-not-joined
    t.join();
  }
}

// A member started by its default member initializer, never joined.
struct Background {
  std::thread loop_{work};  // expect-warning: weft-thread-not-joined
};

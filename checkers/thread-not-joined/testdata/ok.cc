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

// A guard that joins in its destructor holds a reference to the thread.
struct Joiner {
  std::thread& t;
  ~Joiner() {
    if (t.joinable()) t.join();
  }
};
int guarded(int n) {
  std::thread t(work);
  Joiner j{t};
  if (n < 0) return -1;
  return 0;
}

// A scope-exit lambda that joins.
template <class F>
struct ScopeExit {
  F f;
  ~ScopeExit() { f(); }
};
template <class F>
ScopeExit<F> scope_exit(F f) { return ScopeExit<F>{f}; }
int scope_guarded(int n) {
  std::thread t(work);
  auto done = scope_exit([&] { t.join(); });
  if (n < 0) return -1;
  return 0;
}

// Joined in the handler before the exception goes on.
void risky();
void catch_join_rethrow() {
  std::thread t(work);
  try {
    risky();
  } catch (...) {
    t.join();
    throw;
  }
  t.join();
}

// Joined on every path, in different places.
int joined_on_each_path(int n) {
  std::thread t(work);
  if (n > 0) {
    t.join();
    return 1;
  }
  t.join();
  return 0;
}

// Threads in a container, all joined (range-for and index loops).
void container_joined(int n) {
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i) ts.emplace_back(work);
  for (auto& t : ts) t.join();
  std::vector<std::thread> more;
  more.push_back(std::thread(work));
  for (std::size_t i = 0; i < more.size(); ++i) more[i].join();
}

// A member joined by a helper the destructor calls.
struct Service {
  std::thread t_;
  Service() : t_(work) {}
  void close() {
    if (t_.joinable()) t_.join();
  }
  ~Service() { close(); }
};

// A member started by its default member initializer, joined in the destructor.
struct Poller {
  std::thread loop_{work};
  ~Poller() { loop_.join(); }
};

// An owner joins its part's thread before it deletes the part.
struct Part {
  std::thread t_;
  Part() : t_(work) {}
};
struct Owner {
  Part* part_ = new Part;
  ~Owner() {
    part_->t_.join();
    delete part_;
  }
};

// A test fixture: GoogleTest calls TearDown before the destructor.
namespace testing {
class Test {
 public:
  virtual ~Test() = default;
  virtual void SetUp() {}
  virtual void TearDown() {}
};
}  // namespace testing
class ServerTest : public testing::Test {
 protected:
  void SetUp() override { server_ = std::thread(work); }
  void TearDown() override { server_.join(); }
  std::thread server_;
};

#include <mutex>
#include <shared_mutex>

#include "weft/weft.h"

// Two globals, in two functions (two tasks), opposite orders.
std::mutex config_mu;
std::mutex stats_mu;

void reload() {
  std::lock_guard<std::mutex> a(config_mu);
  std::lock_guard<std::mutex> b(stats_mu);
}

void report() {
  std::lock_guard<std::mutex> b(stats_mu);
  std::lock_guard<std::mutex> a(config_mu);  // expect-warning: weft-lock-order-inversion
}

// One order through a call: flush() holds queue_mu while log() takes log_mu.
std::mutex queue_mu;
std::mutex log_mu;

void log_line() {
  std::lock_guard<std::mutex> hold(log_mu);
}

void flush() {
  std::unique_lock<std::mutex> hold(queue_mu);
  log_line();
}

void rotate(bool early) {
  log_mu.lock();
  if (early) {
    log_mu.unlock();
    return;
  }
  queue_mu.lock();  // expect-warning: weft-lock-order-inversion
  queue_mu.unlock();
  log_mu.unlock();
}

// Members of two classes, each calling into the other while holding its own lock.
struct Ledger;
struct Bank {
  weft::Mutex mu_;
  Ledger* ledger_ = nullptr;
  int balance_ = 0;
  int balance() {
    weft::MutexLock hold(mu_);
    return balance_;
  }
  void deposit(int n);
};
struct Ledger {
  weft::Mutex mu_;
  Bank* bank_ = nullptr;
  int total_ = 0;
  void record(int n) {
    weft::MutexLock hold(mu_);
    total_ += n;
  }
  void audit() {
    weft::MutexLock hold(mu_);
    total_ = bank_->balance();
  }
};
void Bank::deposit(int n) {
  weft::MutexLock hold(mu_);
  balance_ += n;
  ledger_->record(n);  // expect-warning: weft-lock-order-inversion
}

// One function, its order set by its arguments: transfer(a, b) and transfer(b, a).
struct Account {
  weft::Mutex mu;
  int balance = 100;
};

void transfer(Account& from, Account& to, int n) {
  from.mu.lock();
  to.mu.lock();  // expect-warning: weft-lock-order-inversion
  from.balance -= n;
  to.balance += n;
  to.mu.unlock();
  from.mu.unlock();
}

void two_transfers() {
  Account a;
  Account b;
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    transfer(a, b, 10);
    wg.done();
  });
  transfer(b, a, 20);
  wg.wait();
}

// Three locks in a cycle, no two of them in both orders.
weft::Mutex x_mu, y_mu, z_mu;
void x_then_y() {
  weft::MutexLock x(x_mu);
  weft::MutexLock y(y_mu);
}
void y_then_z() {
  weft::MutexLock y(y_mu);
  weft::MutexLock z(z_mu);
}
void z_then_x() {
  weft::MutexLock z(z_mu);
  weft::MutexLock x(x_mu);  // expect-warning: weft-lock-order-inversion
}

// A read lock against a write lock in the other order still deadlocks.
std::shared_mutex table_mu;
std::mutex index_mu;
void lookup() {
  std::shared_lock<std::shared_mutex> r(table_mu);
  std::lock_guard<std::mutex> i(index_mu);
}
void reindex() {
  std::lock_guard<std::mutex> i(index_mu);
  std::unique_lock<std::shared_mutex> w(table_mu);  // expect-warning: weft-lock-order-inversion
}

// Locals shared with a task, as in Go.
void two_tasks() {
  weft::Mutex a;
  weft::Mutex b;
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    a.lock();
    b.lock();
    b.unlock();
    a.unlock();
    wg.done();
  });
  b.lock();
  a.lock();  // expect-warning: weft-lock-order-inversion
  a.unlock();
  b.unlock();
  wg.wait();
}

// A guard class of the codebase's own counts as a guard.
class Locker {
 public:
  explicit Locker(std::mutex& mu) : mu_(mu) { mu_.lock(); }
  ~Locker() { mu_.unlock(); }
  Locker(const Locker&) = delete;
  Locker& operator=(const Locker&) = delete;

 private:
  std::mutex& mu_;
};
std::mutex users_mu;
std::mutex groups_mu;
void add_user() {
  Locker u(users_mu);
  Locker g(groups_mu);
}
void add_group() {
  Locker g(groups_mu);
  Locker u(users_mu);  // expect-warning: weft-lock-order-inversion
}

// A virtual call: any override may run, so the override's lock is ordered after the caller's.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void put(int v) = 0;
};
class FileSink : public Sink {
 public:
  void put(int v) override {
    weft::MutexLock hold(mu_);
    last_ = v;
  }
  void flush_into(class Pipeline& p);
  weft::Mutex mu_;
  int last_ = 0;
};
class Pipeline {
 public:
  void push(int v) {
    weft::MutexLock hold(mu_);
    sink_->put(v);
  }
  int pending() {
    weft::MutexLock hold(mu_);
    return 0;
  }
  weft::Mutex mu_;
  Sink* sink_ = nullptr;
};
void FileSink::flush_into(Pipeline& p) {
  weft::MutexLock hold(mu_);
  last_ = p.pending();  // expect-warning: weft-lock-order-inversion
}

// The same inversion through a codebase's own mutex and guard classes.
namespace port {
class Mutex {
 public:
  void Lock() { mu_.lock(); }
  void Unlock() { mu_.unlock(); }

 private:
  std::mutex mu_;
};
class MutexLock {
 public:
  explicit MutexLock(Mutex* mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() { mu_->Unlock(); }

 private:
  Mutex* const mu_;
};
}  // namespace port
port::Mutex wal_index_mu;
port::Mutex wal_journal_mu;
void write_index() {
  port::MutexLock a(&wal_index_mu);
  port::MutexLock b(&wal_journal_mu);
}
void replay_journal() {
  port::MutexLock b(&wal_journal_mu);
  port::MutexLock a(&wal_index_mu);  // expect-warning: weft-lock-order-inversion
}

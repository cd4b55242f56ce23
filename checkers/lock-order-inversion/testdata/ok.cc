#include <mutex>
#include <shared_mutex>

#include "weft/weft.h"

// One order everywhere.
std::mutex config_mu;
std::mutex stats_mu;
void reload() {
  std::lock_guard<std::mutex> a(config_mu);
  std::lock_guard<std::mutex> b(stats_mu);
}
void report() {
  std::lock_guard<std::mutex> a(config_mu);
  std::lock_guard<std::mutex> b(stats_mu);
}

// Taken together: std::scoped_lock and std::lock avoid the deadlock themselves.
std::mutex left_mu;
std::mutex right_mu;
void both_scoped() { std::scoped_lock hold(left_mu, right_mu); }
void both_scoped_other_way() { std::scoped_lock hold(right_mu, left_mu); }
void both_locked() {
  std::lock(right_mu, left_mu);
  std::lock_guard<std::mutex> r(right_mu, std::adopt_lock);
  std::lock_guard<std::mutex> l(left_mu, std::adopt_lock);
}

// Released before the other is taken: no order between them.
std::mutex first_mu;
std::mutex second_mu;
void one_after_the_other() {
  {
    std::lock_guard<std::mutex> a(first_mu);
  }
  std::lock_guard<std::mutex> b(second_mu);
}
void second_then_first() {
  second_mu.lock();
  second_mu.unlock();
  first_mu.lock();
  first_mu.unlock();
}
void first_then_second() {
  std::lock_guard<std::mutex> a(first_mu);
  std::lock_guard<std::mutex> b(second_mu);
}

// Ordered by id: which account is locked first depends on data, not on the call.
struct Account {
  int id = 0;
  weft::Mutex mu;
  int balance = 100;
};
void transfer(Account& from, Account& to, int n) {
  Account& first = from.id < to.id ? from : to;
  Account& second = from.id < to.id ? to : from;
  first.mu.lock();
  second.mu.lock();
  from.balance -= n;
  to.balance += n;
  second.mu.unlock();
  first.mu.unlock();
}
void two_transfers() {
  Account a{1};
  Account b{2};
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    transfer(a, b, 10);
    wg.done();
  });
  transfer(b, a, 20);
  wg.wait();
}

// Parent before child, through pointers: one class, an order that follows the data.
struct Node {
  weft::Mutex mu;
  Node* child = nullptr;
  void touch_child() {
    weft::MutexLock hold(mu);
    if (child != nullptr) {
      weft::MutexLock below(child->mu);
    }
  }
};

// A call made after the lock is released.
struct Cache {
  weft::Mutex mu_;
  int size_ = 0;
  int size() {
    weft::MutexLock hold(mu_);
    return size_;
  }
};
struct Stats {
  weft::Mutex mu_;
  Cache* cache_ = nullptr;
  int seen_ = 0;
  void sample() {
    int n = cache_->size();
    weft::MutexLock hold(mu_);
    seen_ = n;
  }
  int seen() {
    weft::MutexLock hold(mu_);
    return seen_;
  }
};
void cache_then_stats(Cache& c, Stats& s) {
  weft::MutexLock hold(c.mu_);
  s.seen();
}

// Taken on one branch only: not held on every path to the next lock (a known limit).
weft::Mutex maybe_mu, then_mu;
void maybe(bool c) {
  if (c) maybe_mu.lock();
  then_mu.lock();
  then_mu.unlock();
  if (c) maybe_mu.unlock();
}
void then_maybe() {
  weft::MutexLock a(then_mu);
  weft::MutexLock b(maybe_mu);
}

// An inversion someone has looked at and silenced.
weft::Mutex quiet_a, quiet_b;
void quiet_ab() {
  weft::MutexLock a(quiet_a);
  weft::MutexLock b(quiet_b);
}
void quiet_ba() {
  weft::MutexLock b(quiet_b);
  weft::MutexLock a(quiet_a);  // NOLINT(weft-lock-order-inversion): only ever runs at start-up
}

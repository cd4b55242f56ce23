#include <mutex>

#include "weft/weft.h"

struct Account {
  weft::Mutex mu;
  int balance = 0;
  int read_locked() { return balance; }  // mu held
  int read() {
    weft::MutexLock hold(mu);
    return read_locked();
  }
  void withdraw(int n) {
    weft::MutexLock hold(mu);
    if (read_locked() >= n) balance -= n;
  }
};

void lock_unlock_lock(std::mutex& mu) {
  mu.lock();
  mu.unlock();
  mu.lock();
  mu.unlock();
}

// Correlated branches: only one path locks twice if the conditions differ, and they do not.
void correlated(weft::Mutex& mu, bool a) {
  if (a) mu.lock();
  if (!a) mu.lock();
  mu.unlock();
}

void recursive_is_fine(std::recursive_mutex& mu) {
  mu.lock();
  mu.lock();
  mu.unlock();
  mu.unlock();
}

void two_mutexes(weft::Mutex& a, weft::Mutex& b) {
  weft::MutexLock x(a);
  weft::MutexLock y(b);
}

void loop_unlocks(weft::Mutex& mu, int n) {
  for (int i = 0; i < n; ++i) {
    mu.lock();
    mu.unlock();
  }
}

void scopes(std::mutex& mu) {
  {
    std::lock_guard<std::mutex> hold(mu);
  }
  std::lock_guard<std::mutex> again(mu);
}

void deferred(std::mutex& mu) {
  std::unique_lock<std::mutex> hold(mu, std::defer_lock);
  mu.lock();
  mu.unlock();
}

void read_write_sequence(weft::RWMutex& mu) {
  mu.rlock();
  mu.runlock();
  mu.lock();
  mu.unlock();
}

void try_then_lock(std::mutex& mu) {
  if (!mu.try_lock()) mu.lock();
  mu.unlock();
}

// A guard class of the codebase's own releases at the end of its scope.
class PtrLocker {
 public:
  explicit PtrLocker(std::mutex* mu) : mu_(mu) { mu_->lock(); }
  ~PtrLocker() { mu_->unlock(); }
  PtrLocker(const PtrLocker&) = delete;
  PtrLocker& operator=(const PtrLocker&) = delete;

 private:
  std::mutex* mu_;
};

void own_guard_in_a_scope(std::mutex& mu) {
  {
    PtrLocker hold(&mu);
  }
  mu.lock();
  mu.unlock();
}

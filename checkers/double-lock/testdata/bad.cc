#include <mutex>
#include <shared_mutex>

#include "weft/weft.h"

struct Account {
  weft::Mutex mu;
  int balance = 0;
  int read() {
    weft::MutexLock hold(mu);
    return balance;
  }
  void withdraw(int n) {
    weft::MutexLock hold(mu);
    if (read() >= n) balance -= n;  // expect-warning: weft-double-lock
  }
};

void twice_on_one_path(std::mutex& mu, bool retry) {
  mu.lock();
  if (retry) {
    mu.lock();  // expect-warning: weft-double-lock
  }
  mu.unlock();
}

void guard_then_lock(std::mutex& mu) {
  std::lock_guard<std::mutex> hold(mu);
  mu.lock();  // expect-warning: weft-double-lock
}

void read_lock_twice(weft::RWMutex& mu) {
  mu.rlock();
  mu.rlock();  // expect-warning: weft-double-lock
  mu.runlock();
  mu.runlock();
}

void read_under_write(std::shared_mutex& mu) {
  std::unique_lock<std::shared_mutex> hold(mu);
  std::shared_lock<std::shared_mutex> reader(mu);  // expect-warning: weft-double-lock
}

void after_switch(weft::Mutex& mu, int kind) {
  switch (kind) {
    case 0:
      mu.lock();
      break;
    default:
      mu.lock();
      break;
  }
  mu.lock();  // expect-warning: weft-double-lock
}

// A guard class of the codebase's own: constructor locks the mutex it keeps, destructor unlocks.
class Locker {
 public:
  explicit Locker(std::mutex& mu) : mu_(mu) { mu_.lock(); }
  ~Locker() { mu_.unlock(); }
  Locker(const Locker&) = delete;
  Locker& operator=(const Locker&) = delete;

 private:
  std::mutex& mu_;
};

void own_guard_then_lock(std::mutex& mu) {
  Locker hold(mu);
  mu.lock();  // expect-warning: weft-double-lock
}

// A SCOPED_LOCKABLE guard of an annotated mutex, then the mutex by hand.
class __attribute__((capability("mutex"))) AnnotatedMutex {
 public:
  void Lock() __attribute__((acquire_capability()));
  void Unlock() __attribute__((release_capability()));
};
class __attribute__((scoped_lockable)) AnnotatedLock {
 public:
  explicit AnnotatedLock(AnnotatedMutex* mu) __attribute__((acquire_capability(mu)));
  ~AnnotatedLock() __attribute__((release_capability()));
};
struct Cache {
  AnnotatedMutex mu_;
  void refresh() {
    AnnotatedLock l(&mu_);
    mu_.Lock();  // expect-warning: weft-double-lock
  }
};

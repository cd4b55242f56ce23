#include <mutex>

#include "weft/weft.h"

// A lock wrapper: it only locks; its caller unlocks. Not a leak.
struct Table {
  weft::Mutex mu;
  void lock() { mu.lock(); }
  void unlock() { mu.unlock(); }
};

bool guarded(weft::Mutex& mu, int& slot, int v) {
  weft::MutexLock hold(mu);
  if (v < 0) return false;
  slot = v;
  return true;
}

bool every_path(std::mutex& mu, int& slot, int v) {
  mu.lock();
  if (v < 0) {
    mu.unlock();
    return false;
  }
  slot = v;
  mu.unlock();
  return true;
}

int loop(weft::Mutex& mu, const int* values, int n, int wanted) {
  for (int i = 0; i < n; ++i) {
    std::lock_guard<weft::Mutex> hold(mu);
    if (values[i] == wanted) return i;
  }
  return -1;
}

void correlated(weft::Mutex& mu, bool a) {
  if (a) mu.lock();
  if (a) mu.unlock();
}

// Wrappers and annotated mutexes, balanced on every path, by hand or by their own guards.
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
class __attribute__((capability("mutex"))) AnnotatedMutex {
 public:
  void Acquire() __attribute__((acquire_capability()));
  void Release() __attribute__((release_capability()));
};
class __attribute__((scoped_lockable)) AnnotatedLock {
 public:
  explicit AnnotatedLock(AnnotatedMutex* mu) __attribute__((acquire_capability(mu)));
  ~AnnotatedLock() __attribute__((release_capability()));
};
struct Store {
  port::Mutex mu_;
  AnnotatedMutex amu_;
  int v_ = 0;
  int by_hand(int n) {
    mu_.Lock();
    if (n < 0) {
      mu_.Unlock();
      return -1;
    }
    v_ += n;
    mu_.Unlock();
    return 0;
  }
  int by_guard(int n) {
    port::MutexLock l(&mu_);
    if (n < 0) return -1;
    return v_ += n;
  }
  int by_annotated_guard(int n) {
    AnnotatedLock l(&amu_);
    if (n < 0) return -1;
    return v_ += n;
  }
};

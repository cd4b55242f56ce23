#include <mutex>
#include <stdexcept>

#include "weft/weft.h"

bool store(weft::Mutex& mu, int& slot, int v) {
  mu.lock();
  if (v < 0) return false;  // expect-warning: weft-lock-leak-on-path
  slot = v;
  mu.unlock();
  return true;
}

void check(std::mutex& mu, int v) {
  mu.lock();
  if (v < 0) throw std::invalid_argument("negative");  // expect-warning: weft-lock-leak-on-path
  mu.unlock();
}

int find(weft::Mutex& mu, const int* values, int n, int wanted) {
  for (int i = 0; i < n; ++i) {
    mu.lock();
    if (values[i] == wanted) return i;  // expect-warning: weft-lock-leak-on-path
    mu.unlock();
  }
  return -1;
}

int classify(weft::RWMutex& mu, int kind) {
  mu.rlock();
  switch (kind) {
    case 0:
      mu.runlock();
      return 0;
    case 1:
      return 1;  // expect-warning: weft-lock-leak-on-path
    default:
      break;
  }
  mu.runlock();
  return 2;
}

void falls_off(weft::Mutex& mu, bool done) {
  mu.lock();
  if (done) {
    mu.unlock();
    return;
  }
}  // expect-warning: weft-lock-leak-on-path

// A codebase's own mutex class that forwards to a member std::mutex.
namespace port {
class Mutex {
 public:
  void Lock() { mu_.lock(); }
  void Unlock() { mu_.unlock(); }

 private:
  std::mutex mu_;
};
}  // namespace port
port::Mutex wrapped_mu;
int wrapped_leak(int n) {
  wrapped_mu.Lock();
  if (n < 0) return -1;  // expect-warning: weft-lock-leak-on-path
  wrapped_mu.Unlock();
  return 0;
}

// A mutex known only by Clang's thread-safety attributes (its methods defined elsewhere).
class __attribute__((capability("mutex"))) AnnotatedMutex {
 public:
  void Acquire() __attribute__((acquire_capability()));
  void Release() __attribute__((release_capability()));
};
struct Table {
  AnnotatedMutex mu_;
  int rows_ = 0;
  int add(int n) {
    mu_.Acquire();
    if (n < 0) return -1;  // expect-warning: weft-lock-leak-on-path
    rows_ += n;
    mu_.Release();
    return 0;
  }
};

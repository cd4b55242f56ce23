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

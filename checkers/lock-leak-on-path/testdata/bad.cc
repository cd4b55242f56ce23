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

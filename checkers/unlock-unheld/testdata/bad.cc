#include <mutex>

#include "weft/weft.h"

bool load(weft::Mutex& mu, int key) {
  if (key < 0) {
    mu.unlock();  // expect-warning: weft-unlock-unheld
    return false;
  }
  mu.lock();
  mu.unlock();
  return true;
}

void unlock_twice(std::mutex& mu) {
  mu.lock();
  mu.unlock();
  mu.unlock();  // expect-warning: weft-unlock-unheld
}

struct Cache {
  weft::Mutex mu;
  int hits = 0;
  void refresh() {
    weft::MutexLock hold(mu);
    hits = 0;
    mu.unlock();  // expect-warning: weft-unlock-unheld
  }
};

void guard_then_hand(std::mutex& mu) {
  std::lock_guard<std::mutex> hold(mu);
  mu.unlock();  // expect-warning: weft-unlock-unheld
}

void read_unlock_unheld(weft::RWMutex& mu) {
  mu.rlock();
  mu.runlock();
  mu.runlock();  // expect-warning: weft-unlock-unheld
}

void after_goto(weft::Mutex& mu, bool skip) {
  if (skip) goto out;
  mu.lock();
  mu.unlock();
out:
  mu.lock();
  mu.unlock();
  mu.unlock();  // expect-warning: weft-unlock-unheld
}

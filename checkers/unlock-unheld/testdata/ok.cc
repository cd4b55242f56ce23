#include <mutex>

#include "weft/weft.h"

// Releases what the caller locked: the state at entry is unknown, so nothing is said.
void unlock_for_caller(weft::Mutex& mu) { mu.unlock(); }

void paired(std::mutex& mu, bool early) {
  mu.lock();
  if (early) {
    mu.unlock();
    return;
  }
  mu.unlock();
}

void unique_lock_by_hand(std::mutex& mu) {
  std::unique_lock<std::mutex> hold(mu);
  hold.unlock();
  hold.lock();
}

void correlated(weft::Mutex& mu, bool a) {
  if (a) mu.lock();
  if (a) mu.unlock();
}

void loop(weft::Mutex& mu, int n) {
  for (int i = 0; i < n; ++i) {
    mu.lock();
    mu.unlock();
  }
}

void adopted(std::mutex& mu) {
  mu.lock();
  std::lock_guard<std::mutex> hold(mu, std::adopt_lock);
}

void try_lock(std::mutex& mu) {
  if (mu.try_lock()) mu.unlock();
}

// Go's rule, and weft's: another task may unlock a Mutex this one locked, and the other way
// round. The mutex is shared with a task here, so this unlock is not judged.
void handed_over(weft::Mutex& mu) {
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&mu, &wg] {
    mu.lock();
    wg.done();
  });
  wg.wait();
  mu.unlock();
}

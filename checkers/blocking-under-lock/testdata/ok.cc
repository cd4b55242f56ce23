#include <mutex>

#include "weft/weft.h"

void send_after_unlock(weft::Mutex& mu, weft::chan<int> events, int& state) {
  mu.lock();
  int copy = ++state;
  mu.unlock();
  events.send(copy);
}

void scoped(weft::Mutex& mu, weft::chan<int> events, int& state) {
  int copy = 0;
  {
    weft::MutexLock hold(mu);
    copy = ++state;
  }
  events.send(copy);
}

void non_blocking_under_lock(weft::Mutex& mu, weft::chan<int> events) {
  weft::MutexLock hold(mu);
  events.try_send(1);
  weft::select(weft::case_send(events, 2), weft::case_default([] {}));
  events.close();
}

void cond_wait_own_lock(weft::Mutex& mu, weft::Cond& ready, bool& flag) {
  mu.lock();
  while (!flag) ready.wait();
  mu.unlock();
}

void maybe_locked(weft::Mutex& mu, weft::chan<int> events, bool a) {
  if (a) mu.lock();
  if (a) mu.unlock();
  events.send(1);
}

void unique_lock_released(std::mutex& mu, weft::WaitGroup& wg) {
  std::unique_lock<std::mutex> hold(mu);
  hold.unlock();
  wg.wait();
}

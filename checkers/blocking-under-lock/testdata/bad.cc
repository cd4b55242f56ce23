#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "weft/weft.h"

void send_under_lock(weft::Mutex& mu, weft::chan<int> events) {
  mu.lock();
  events.send(1);  // expect-warning: weft-blocking-under-lock
  mu.unlock();
}

int recv_under_guard(std::mutex& mu, weft::recv_only<int> in) {
  std::lock_guard<std::mutex> hold(mu);
  return in.recv().value;  // expect-warning: weft-blocking-under-lock
}

void wait_under_lock(weft::Mutex& mu, weft::WaitGroup& wg) {
  weft::MutexLock hold(mu);
  wg.wait();  // expect-warning: weft-blocking-under-lock
}

void range_under_lock(weft::Mutex& mu, weft::chan<int> in) {
  weft::MutexLock hold(mu);
  for (int v : in) (void)v;  // expect-warning: weft-blocking-under-lock
}

void select_without_default(weft::Mutex& mu, weft::chan<int> a, weft::chan<int> b) {
  weft::MutexLock hold(mu);
  weft::select(weft::case_recv(a), weft::case_recv(b));  // expect-warning: weft-blocking-under-lock
}

void join_under_lock(std::mutex& mu, std::thread& t) {
  std::unique_lock<std::mutex> hold(mu);
  t.join();  // expect-warning: weft-blocking-under-lock
}

int get_under_lock(std::mutex& mu, std::future<int>& f) {
  std::scoped_lock hold(mu);
  return f.get();  // expect-warning: weft-blocking-under-lock
}

void sleep_under_read_lock(weft::RWMutex& mu) {
  mu.rlock();
  std::this_thread::sleep_for(std::chrono::milliseconds(10));  // expect-warning: weft-blocking-under-lock
  mu.runlock();
}

void cond_wait_with_another_lock(weft::Mutex& outer, weft::Mutex& mu, weft::Cond& ready) {
  weft::MutexLock a(outer);
  weft::MutexLock b(mu);
  ready.wait();  // expect-warning: weft-blocking-under-lock
}

void in_a_task(weft::Mutex& mu, weft::chan<int> out) {
  weft::go([&mu, out] {
    weft::MutexLock hold(mu);
    out.send(1);  // expect-warning: weft-blocking-under-lock
  });
}

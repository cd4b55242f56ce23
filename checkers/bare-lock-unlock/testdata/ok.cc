#include <mutex>
#include <vector>

#include "weft/weft.h"

std::mutex mu;
std::vector<int> items;

// Go's style: a short critical section, then more work in the same block.
void add_then_notify(int x, weft::chan<int>& done) {
  mu.lock();
  items.push_back(x);
  mu.unlock();
  done.send(x);
}

// Guards already.
void guarded(int x) {
  std::lock_guard<std::mutex> hold(mu);
  items.push_back(x);
}

// A way out in between: the path checks' business (lock-leak-on-path), not a style fix.
void early(bool stop, int x) {
  mu.lock();
  if (stop) {
    mu.unlock();
    return;
  }
  items.push_back(x);
  mu.unlock();
}

// The mutex is handed on in between.
void hand_over(std::mutex& m, void (*f)(std::mutex&)) {
  m.lock();
  f(m);
  m.unlock();
}

// Unlocked and locked again in between.
void relock(weft::Mutex& m, bool pause, int& n) {
  m.lock();
  ++n;
  if (pause) {
    m.unlock();
    weft::sleep(std::chrono::milliseconds(1));
    m.lock();
  }
  ++n;
  m.unlock();
}

// Locked in another block than the one its unlock ends.
void split(weft::Mutex& m, bool c, int& n) {
  m.lock();
  if (c) {
    ++n;
    m.unlock();
  } else {
    m.unlock();
  }
}

// A lambda made in between uses the mutex.
void lambda_uses(weft::Mutex& m, int& n) {
  m.lock();
  auto f = [&] { m.unlock(); };
  ++n;
  m.unlock();
  (void)f;
}

#include <mutex>
#include <shared_mutex>
#include <vector>

#include "weft/weft.h"

std::mutex mu;
std::vector<int> items;

void add(int x) {
  mu.lock();  // expect-warning: weft-bare-lock-unlock
  items.push_back(x);  // may throw std::bad_alloc: mu stays locked
  mu.unlock();
}

struct Counter {
  weft::Mutex mu_;
  int n_ = 0;
  void bump() {
    mu_.lock();  // expect-warning: weft-bare-lock-unlock
    ++n_;
    mu_.unlock();
  }
};

struct Table {
  std::shared_mutex mu;
  std::vector<int> rows;
  void count(int& n) {
    mu.lock_shared();  // expect-warning: weft-bare-lock-unlock
    n = static_cast<int>(rows.size());
    mu.unlock_shared();
  }
};

void nested(weft::Mutex& a, weft::Mutex& b, int& shared) {
  a.lock();  // expect-warning: weft-bare-lock-unlock
  b.lock();  // expect-warning: weft-bare-lock-unlock
  ++shared;
  b.unlock();
  a.unlock();
}

void read_side(weft::RWMutex& rw, const int& value, int& out) {
  if (value > 0) {
    rw.rlock();  // expect-warning: weft-bare-lock-unlock
    out = value;
    rw.runlock();
  }
}

void through_pointer(std::mutex* m, int& shared) {
  m->lock();  // expect-warning: weft-bare-lock-unlock
  shared += 1;
  m->unlock();
}

// The unlocks end the block in the order of the locks: a guard fits only the last one taken.
void same_order(weft::Mutex& a, weft::Mutex& b, int& n) {
  a.lock();
  b.lock();  // expect-warning: weft-bare-lock-unlock
  ++n;
  a.unlock();
  b.unlock();
}

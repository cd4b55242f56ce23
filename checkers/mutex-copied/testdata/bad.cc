#include <mutex>
#include <string>
#include <vector>

#include "weft/weft.h"

class Inventory {
 public:
  Inventory() = default;
  Inventory(const Inventory& other) : items_(other.items_) {}  // expect-warning: weft-mutex-copied
  Inventory& operator=(const Inventory& other) {
    std::lock_guard<std::mutex> hold(mu_);
    items_ = other.items_;  // expect-warning: weft-mutex-copied
    return *this;
  }
  void add(const std::string& item) {
    std::lock_guard<std::mutex> hold(mu_);
    items_.push_back(item);
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> items_;
};

class Meter {
 public:
  Meter() = default;
  Meter(Meter&& other) noexcept {
    total_ = other.total_;  // expect-warning: weft-mutex-copied
    other.total_ = 0;
  }
  void record(int n) {
    weft::MutexLock hold(mu_);
    total_ += n;
    ++count_;
  }

 private:
  weft::Mutex mu_;
  int total_ = 0;
  int count_ = 0;
};

// The lock is taken, but after the read.
class Late {
 public:
  Late() = default;
  Late(const Late& other) {
    int v = other.value_;  // expect-warning: weft-mutex-copied
    weft::MutexLock hold(other.mu_);
    value_ = v;
  }
  void set(int v) {
    weft::MutexLock hold(mu_);
    value_ = v;
  }

 private:
  mutable weft::Mutex mu_;
  int value_ = 0;
};

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "weft/weft.h"

// The source is locked before it is read.
class Inventory {
 public:
  Inventory() = default;
  Inventory(const Inventory& other) {
    std::lock_guard<std::mutex> hold(other.mu_);
    items_ = other.items_;
  }
  Inventory& operator=(const Inventory& other) {
    if (this == &other) return *this;
    std::scoped_lock both(mu_, other.mu_);
    items_ = other.items_;
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

// The copy goes through a method that locks.
class Counter {
 public:
  Counter() = default;
  Counter(const Counter& other) : n_(other.get()) {}
  int get() const {
    weft::MutexLock hold(mu_);
    return n_;
  }
  void inc() {
    weft::MutexLock hold(mu_);
    ++n_;
  }

 private:
  mutable weft::Mutex mu_;
  int n_ = 0;
};

// Members no locked method touches: set once, read freely.
class Named {
 public:
  explicit Named(std::string name) : name_(std::move(name)) {}
  Named(const Named& other) : name_(other.name_), hits_(other.hits_.load()) {}
  void hit() {
    weft::MutexLock hold(mu_);
    ++hits_;
    log_.push_back(1);
  }

 private:
  weft::Mutex mu_;
  std::string name_;
  std::atomic<int> hits_{0};
  std::vector<int> log_;
};

// No mutex: nothing to guard.
struct Plain {
  int a = 0;
  Plain() = default;
  Plain(const Plain& other) : a(other.a) {}
};

// Copies share the mutex through a pointer: not a mutex of the object.
struct Shared {
  std::mutex* mu = nullptr;
  int v = 0;
  Shared() = default;
  Shared(const Shared& other) : mu(other.mu), v(other.v) {}
};

// Copy-and-swap: the parameter is this call's own copy; nobody else can hold its lock.
class SwapQueue {
 public:
  SwapQueue() = default;
  SwapQueue(const SwapQueue& other) {
    std::lock_guard<std::mutex> g(other.mu_);
    items_ = other.items_;
  }
  SwapQueue& operator=(SwapQueue other) {
    std::lock_guard<std::mutex> g(mu_);
    items_ = std::move(other.items_);
    return *this;
  }
  void push(int v) {
    std::lock_guard<std::mutex> g(mu_);
    items_.push_back(v);
  }

 private:
  mutable std::mutex mu_;
  std::vector<int> items_;
};

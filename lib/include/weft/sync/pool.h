// weft::Pool<T> — Go's sync.Pool: a cache of reusable objects, to spare allocations.
//
//   weft::Pool<std::vector<char>> buffers([] { return std::vector<char>(4096); });
//   auto buf = buffers.get();   // a cached object, or a new one from the function
//   ...
//   buffers.put(std::move(buf));
//
// get() takes any cached object (which one is unspecified) or, with none cached, makes one with
// the pool's function (or T's default constructor when none was given). put() returns an
// object for reuse. As in Go, a pooled object may be dropped at any time (here: beyond
// max_cached objects), so a Pool is for memory, never for state a program relies on.
#pragma once

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

#include "weft/sync/mutex.h"

namespace weft {

template <class T>
class Pool {
 public:
  explicit Pool(std::function<T()> make = {}, std::size_t max_cached = 1024)
      : make_(std::move(make)), max_cached_(max_cached) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  T get() {
    {
      MutexLock guard(mu_);
      if (!cache_.empty()) {
        T v = std::move(cache_.back());
        cache_.pop_back();
        return v;
      }
    }
    if (make_) return make_();
    if constexpr (std::is_default_constructible_v<T>) {
      return T{};
    } else {
      throw std::logic_error("weft::Pool::get: empty pool and no function to make an object");
    }
  }

  void put(T v) {
    MutexLock guard(mu_);
    if (cache_.size() < max_cached_) cache_.push_back(std::move(v));
  }

 private:
  std::function<T()> make_;
  const std::size_t max_cached_;
  Mutex mu_;
  std::vector<T> cache_ WEFT_GUARDED_BY(mu_);
};

}  // namespace weft

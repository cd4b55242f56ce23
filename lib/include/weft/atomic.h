// weft::atomic<T> and weft::var<T>: shared memory that the model checker can see.
//
// atomic<T> is std::atomic<T> (sequentially consistent, like Go's sync/atomic) whose every
// operation is a visible operation: the model checker may switch tasks before each one, and
// orders tasks through it (a load sees the stores before it).
//
// var<T> is a plain variable whose reads and writes are visible operations, so the model
// checker can report a data race on it: two accesses from different tasks, at least one a
// write, that no channel, lock, WaitGroup or Once orders. On the production runtimes it costs
// nothing beyond a plain access (and a real race on it is a real race, which ThreadSanitizer
// reports too).
//
//   weft::var<int> hits;               // shared by tasks, guarded by mu
//   { std::lock_guard g(mu); hits.write(hits.read() + 1); }
#pragma once

#include <atomic>
#include <concepts>
#include <type_traits>
#include <source_location>
#include <utility>

#include "weft/rt/runtime.h"

namespace weft {

template <class T>
class atomic {
 public:
  // `where` names it in the model checker's reports; being made is what names it there from
  // one execution to the next (never a point).
  constexpr atomic(std::source_location where = std::source_location::current()) noexcept(
      std::is_nothrow_default_constructible_v<T>) {
    if (!std::is_constant_evaluated()) rt::made(this, where);
  }
  constexpr explicit atomic(T initial,
                            std::source_location where = std::source_location::current()) noexcept
      : value_(initial) {
    if (!std::is_constant_evaluated()) rt::made(this, where);
  }
  atomic(const atomic&) = delete;
  atomic& operator=(const atomic&) = delete;

  T load(std::source_location where = std::source_location::current()) const {
    visible(rt::OpKind::atomic_load, where);
    rt::acquire(sync_);
    return value_.load();
  }
  void store(T v, std::source_location where = std::source_location::current()) {
    visible(rt::OpKind::atomic_store, where);
    rt::acquire(sync_);
    rt::release(sync_);
    value_.store(v);
  }
  T exchange(T v, std::source_location where = std::source_location::current()) {
    return rmw(where, [&] { return value_.exchange(v); });
  }
  bool compare_exchange(T& expected, T desired,
                        std::source_location where = std::source_location::current()) {
    return rmw(where, [&] { return value_.compare_exchange_strong(expected, desired); });
  }
  T fetch_add(T d, std::source_location where = std::source_location::current())
    requires std::integral<T>
  {
    return rmw(where, [&] { return value_.fetch_add(d); });
  }
  T fetch_sub(T d, std::source_location where = std::source_location::current())
    requires std::integral<T>
  {
    return rmw(where, [&] { return value_.fetch_sub(d); });
  }
  T fetch_and(T d, std::source_location where = std::source_location::current())
    requires std::integral<T>
  {
    return rmw(where, [&] { return value_.fetch_and(d); });
  }
  T fetch_or(T d, std::source_location where = std::source_location::current())
    requires std::integral<T>
  {
    return rmw(where, [&] { return value_.fetch_or(d); });
  }
  T fetch_xor(T d, std::source_location where = std::source_location::current())
    requires std::integral<T>
  {
    return rmw(where, [&] { return value_.fetch_xor(d); });
  }

 private:
  void visible(rt::OpKind kind, std::source_location where) const {
    rt::point(rt::Op{kind, rt::object_id(this), {}, where});
  }
  template <class F>
  auto rmw(std::source_location where, F&& f) {
    visible(rt::OpKind::atomic_rmw, where);
    rt::acquire(sync_);
    rt::release(sync_);
    return f();
  }

  std::atomic<T> value_{};
  mutable rt::SyncSlot sync_;  // every store -> later loads (model runtime only)
};

template <class T>
class var {
 public:
  var(std::source_location where = std::source_location::current()) {
    rt::made(this, where);
  }
  explicit var(T initial, std::source_location where = std::source_location::current())
      : value_(std::move(initial)) {
    rt::made(this, where);
  }
  var(const var&) = delete;
  var& operator=(const var&) = delete;

  T read(std::source_location where = std::source_location::current()) const {
    rt::point(rt::OpKind::var_read, this, where);
    return value_;
  }
  void write(T v, std::source_location where = std::source_location::current()) {
    rt::point(rt::OpKind::var_write, this, where);
    value_ = std::move(v);
  }
  // A read then a write, for in-place updates: x.update([](int& v) { ++v; });
  template <class F>
  void update(F&& f, std::source_location where = std::source_location::current()) {
    rt::point(rt::OpKind::var_read, this, where);
    rt::point(rt::OpKind::var_write, this, where);
    std::forward<F>(f)(value_);
  }

 private:
  T value_{};
};

}  // namespace weft

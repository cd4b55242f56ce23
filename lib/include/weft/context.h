// weft::context — Go's context package: cancellation, deadlines and request-scoped values that
// flow down a tree of tasks.
//
//   auto [ctx, cancel] = weft::with_timeout(weft::background(), 2s);
//   weft::go([ctx] {
//     for (;;) {
//       if (weft::select(weft::case_recv(ctx.done()), weft::case_recv(work, ...)) == 0) return;
//     }
//   });
//   ...
//   cancel();   // safe to call more than once; the timeout would cancel it anyway
//
// Rules, as in Go:
//   - Canceling a context cancels every context derived from it, never its parent.
//   - done() is a channel that is closed on cancellation (nil for background() and todo(), which
//     are never canceled, so a select case on it never fires).
//   - err() is none until done() is closed, then canceled or deadline_exceeded, for good.
//   - A child's deadline is never later than its parent's.
//   - value(key) finds the nearest value stored under that key up the tree.
// Interop with std::jthread: to_stop_token(ctx) gives a std::stop_token that is requested when
// ctx is canceled; with_stop_token(parent, token) gives a context canceled when stop is requested.
#pragma once

#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>

#include "weft/chan.h"
#include "weft/time.h"

namespace weft {

// Go's struct{}: the element of channels that only signal (done channels).
struct empty {};

enum class context_error { none, canceled, deadline_exceeded };

// "context canceled", "context deadline exceeded", or "" for none.
const char* to_string(context_error e) noexcept;

// A key for context values of type T. Keys are compared by identity (the key object's address),
// so two packages cannot collide by choosing the same name; declare keys as long-lived objects.
template <class T>
class context_key {
 public:
  explicit context_key(std::string name) : name_(std::move(name)) {}
  context_key(const context_key&) = delete;
  context_key& operator=(const context_key&) = delete;
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
};

namespace detail {
struct ContextNode;
struct CancelState;
}  // namespace detail

class context {
 public:
  recv_only<empty> done() const;
  context_error err() const;
  std::optional<time_point> deadline() const;

  template <class T>
  const T* value(const context_key<T>& key) const {
    return static_cast<const T*>(find_value(&key));
  }

 private:
  friend context background();
  friend context todo();
  friend class context_factory;
  explicit context(std::shared_ptr<const detail::ContextNode> node) : node_(std::move(node)) {}
  const void* find_value(const void* key) const;

  std::shared_ptr<const detail::ContextNode> node_;
};

// Cancels the context it came with (and its descendants). Safe to call more than once, and
// from any task.
class cancel_func {
 public:
  void operator()() const;

 private:
  friend class context_factory;
  explicit cancel_func(std::shared_ptr<detail::CancelState> state) : state_(std::move(state)) {}
  std::shared_ptr<detail::CancelState> state_;
};

context background();
context todo();
std::pair<context, cancel_func> with_cancel(const context& parent);
std::pair<context, cancel_func> with_deadline(const context& parent, time_point deadline);
std::pair<context, cancel_func> with_timeout(const context& parent, duration timeout);

// A copy of `value` is stored; find it with ctx.value(key).
template <class T>
context with_value(const context& parent, const context_key<T>& key, T value);

std::stop_token to_stop_token(const context& ctx);
std::pair<context, cancel_func> with_stop_token(const context& parent, std::stop_token token);

// Builds contexts (the one place that sees their insides).
class context_factory {
 public:
  static context make_value(const context& parent, const void* key, std::shared_ptr<const void> v);
  static std::pair<context, cancel_func> make_cancel(const context& parent,
                                                     std::optional<time_point> deadline);
  static const std::shared_ptr<const detail::ContextNode>& node(const context& c) {
    return c.node_;
  }
};

template <class T>
context with_value(const context& parent, const context_key<T>& key, T value) {
  return context_factory::make_value(parent, &key, std::make_shared<const T>(std::move(value)));
}

}  // namespace weft

// weft::chan<T> — Go's channel.
//
// A chan is a handle, copied freely, all copies naming one channel (like Go's `chan T`).
// make_chan<T>(n) makes one with a buffer of n elements (0: unbuffered, a rendezvous);
// a default-constructed chan is nil.
//
//   operation | nil          | open, empty     | open, has value/room | open, full | closed
//   ----------+--------------+-----------------+----------------------+------------+-------------------------
//   recv      | blocks       | blocks          | value, ok=true       | value      | drains buffer, then
//             | for ever     |                 |                      |            | zero value, ok=false
//   send      | blocks       | unbuffered:     | stores               | blocks     | panic "send on closed
//             | for ever     | until received  |                      |            | channel"
//   close     | panic "close | closes: blocked receivers get (zero, false), blocked  | panic "close of closed
//             | of nil       | senders panic; buffered values are still received    | channel"
//             | channel"     |                                                      |
//
// Directional views, as Go's `chan<- T` and `<-chan T`: send_only<T> has only send, try_send
// and close; recv_only<T> has only the receiving operations. A chan<T> converts to either,
// never back, so a wrong-direction operation is a compile error. The book's ownership rule:
// the owner makes the chan, sends and closes; it hands out a recv_only view.
//
// Range-for receives until the channel is closed and drained:  for (int v : ch) { ... }
//
// Every operation takes the caller's source location (defaulted), which the model checker
// uses in its traces. Elements must be nothrow-move-constructible (they may be move-only).
#pragma once

#include <concepts>
#include <cstddef>
#include <iterator>
#include <optional>
#include <source_location>
#include <type_traits>
#include <utility>

#include "weft/detail/chan_core_api.h"
#include "weft/panic.h"
#include "weft/rt/runtime.h"

namespace weft {

template <class T>
concept channel_element = std::is_object_v<T> && !std::is_array_v<T> && std::destructible<T> &&
                          std::is_nothrow_move_constructible_v<T>;

// The result of a receive: Go's `v, ok := <-ch`. ok is false when the channel is closed and
// drained, and value is then T's zero value (value-initialized).
template <channel_element T>
struct received {
  T value;
  bool ok;
};

template <channel_element T>
class chan;
template <channel_element T>
class send_only;
template <channel_element T>
class recv_only;

namespace detail {

// Raw, correctly aligned storage for one T that a receive may construct into.
template <class T>
class ElemStorage {
 public:
  ElemStorage() = default;
  ElemStorage(const ElemStorage&) = delete;
  ElemStorage& operator=(const ElemStorage&) = delete;
  void* raw() noexcept { return bytes_; }
  // Moves the constructed value out and ends its lifetime.
  T take() noexcept {
    T* p = std::launder(reinterpret_cast<T*>(bytes_));
    T v(std::move(*p));
    p->~T();
    return v;
  }

 private:
  alignas(T) std::byte bytes_[sizeof(T)];
};

// Shared by chan<T> and its views: the handle to the channel's state.
template <class T>
class ChanHandle {
 public:
  ChanHandle() = default;

  std::size_t len() const noexcept { return chan_len(core_.get()); }
  std::size_t cap() const noexcept { return chan_cap(core_.get()); }
  bool is_nil() const noexcept { return core_ == nullptr; }
  friend bool operator==(const ChanHandle& a, const ChanHandle& b) noexcept {
    return a.core_ == b.core_;
  }
  friend bool operator==(const ChanHandle& a, std::nullptr_t) noexcept { return a.is_nil(); }

  ChanCore* core() const noexcept { return core_.get(); }  // for select; not part of the API

 protected:
  explicit ChanHandle(ChanPtr core) : core_(std::move(core)) {}
  ChanPtr core_;
};

// The sending operations, mixed into chan<T> and send_only<T> (CRTP: Derived is a ChanHandle).
template <class Derived, class T>
class SendOps {
 public:
  // Blocks until the value is received (unbuffered) or buffered.
  void send(T value, std::source_location where = std::source_location::current()) const {
    chan_send(self_core(), &value, where);
  }
  // Sends only if that need not block; moves from `value` only when it returns true.
  bool try_send(T&& value, std::source_location where = std::source_location::current()) const {
    return chan_try_send(self_core(), &value, where);
  }
  bool try_send(const T& value, std::source_location where = std::source_location::current()) const
    requires std::copy_constructible<T>
  {
    T copy(value);
    return chan_try_send(self_core(), &copy, where);
  }
  void close(std::source_location where = std::source_location::current()) const {
    chan_close(self_core(), where);
  }

 private:
  ChanCore* self_core() const noexcept { return static_cast<const Derived*>(this)->core(); }
};

// The receiving operations, mixed into chan<T> and recv_only<T>.
template <class Derived, class T>
class RecvOps {
 public:
  // Go's `v, ok := <-ch`.
  received<T> recv(std::source_location where = std::source_location::current()) const
    requires std::default_initializable<T>
  {
    ElemStorage<T> storage;
    if (chan_recv(self_core(), storage.raw(), where) == RecvStatus::value) {
      return {storage.take(), true};
    }
    return {T{}, false};
  }
  // Like recv, for any T: the value, or nullopt once the channel is closed and drained.
  std::optional<T> recv_opt(std::source_location where = std::source_location::current()) const {
    ElemStorage<T> storage;
    if (chan_recv(self_core(), storage.raw(), where) == RecvStatus::value) {
      return std::optional<T>(storage.take());
    }
    return std::nullopt;
  }
  // Receives only if that need not block: nullopt when it would block; otherwise as recv.
  std::optional<received<T>> try_recv(
      std::source_location where = std::source_location::current()) const
    requires std::default_initializable<T>
  {
    ElemStorage<T> storage;
    switch (chan_try_recv(self_core(), storage.raw(), where)) {
      case RecvStatus::value: return received<T>{storage.take(), true};
      case RecvStatus::closed: return received<T>{T{}, false};
      case RecvStatus::would_block: break;
    }
    return std::nullopt;
  }

  // Range-for: receives until the channel is closed and drained. Each receive is reported at the
  // range-for's line (begin()'s default argument is evaluated there).
  class iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const RecvOps* ch, std::source_location where) : ch_(ch), where_(where) { ++*this; }
    T& operator*() { return *current_; }
    iterator& operator++() {
      current_ = ch_->recv_opt(where_);
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) {
      return !it.current_.has_value();
    }

   private:
    const RecvOps* ch_ = nullptr;
    std::source_location where_;
    std::optional<T> current_;
  };
  iterator begin(std::source_location where = std::source_location::current()) const {
    return iterator(this, where);
  }
  std::default_sentinel_t end() const { return {}; }

 private:
  ChanCore* self_core() const noexcept { return static_cast<const Derived*>(this)->core(); }
};

}  // namespace detail

// A bidirectional channel.
template <channel_element T>
class chan final : public detail::ChanHandle<T>,
                   public detail::SendOps<chan<T>, T>,
                   public detail::RecvOps<chan<T>, T> {
 public:
  using value_type = T;
  chan() = default;  // nil

 private:
  explicit chan(detail::ChanPtr core) : detail::ChanHandle<T>(std::move(core)) {}
  template <channel_element U>
  friend chan<U> make_chan(std::ptrdiff_t capacity, std::source_location where);
  friend class send_only<T>;
  friend class recv_only<T>;
};

// The send-only view of a channel (Go's `chan<- T`).
template <channel_element T>
class send_only final : public detail::ChanHandle<T>, public detail::SendOps<send_only<T>, T> {
 public:
  using value_type = T;
  send_only() = default;  // nil
  send_only(const chan<T>& ch) : detail::ChanHandle<T>(ch.core_) {}  // NOLINT: implicit, as in Go
};

// The receive-only view of a channel (Go's `<-chan T`).
template <channel_element T>
class recv_only final : public detail::ChanHandle<T>, public detail::RecvOps<recv_only<T>, T> {
 public:
  using value_type = T;
  recv_only() = default;  // nil
  recv_only(const chan<T>& ch) : detail::ChanHandle<T>(ch.core_) {}  // NOLINT: implicit, as in Go
};

// Go's make(chan T, capacity). A negative capacity panics "makechan: size out of range".
template <channel_element T>
chan<T> make_chan(std::ptrdiff_t capacity = 0,
                  std::source_location where = std::source_location::current()) {
  chan<T> ch(detail::make_chan_core(detail::elem_ops_of<T>, capacity));
  rt::made(ch.core(), where);
  return ch;
}

}  // namespace weft

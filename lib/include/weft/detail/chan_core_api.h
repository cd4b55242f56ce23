// The type-erased channel state machine, as the typed wrappers (chan.h, select.h) see it.
//
// Go's runtime keeps one channel implementation for every element type and moves elements
// with typedmemmove; weft does the same with ElemOps, so the state machine is compiled once
// (lib/src/chan_core.cc) and every runtime drives the very same code.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <source_location>
#include <span>
#include <type_traits>
#include <utility>

namespace weft::detail {

// How the state machine moves and destroys an element it only knows as bytes.
struct ElemOps {
  std::size_t size;
  std::size_t align;
  void (*move_construct)(void* dst, void* src) noexcept;  // dst is raw storage
  void (*destroy)(void* obj) noexcept;
};

template <class T>
inline constexpr ElemOps elem_ops_of{
    sizeof(T),
    alignof(T),
    [](void* dst, void* src) noexcept { ::new (dst) T(std::move(*static_cast<T*>(src))); },
    [](void* obj) noexcept { static_cast<T*>(obj)->~T(); },
};

class ChanCore;
using ChanPtr = std::shared_ptr<ChanCore>;

// Panics (makechan: size out of range) when capacity < 0.
ChanPtr make_chan_core(const ElemOps& ops, std::ptrdiff_t capacity);

// What a receive found.
enum class RecvStatus : unsigned char {
  value,        // a value was moved into the destination
  closed,       // the channel is closed and drained; the destination is untouched
  would_block,  // (try_ only) nothing to receive yet; the destination is untouched
};

// Send moves from *src only when it succeeds. A nil `chan` blocks for ever.
void chan_send(ChanCore* chan, void* src, std::source_location where);
bool chan_try_send(ChanCore* chan, void* src, std::source_location where);
// Receive move-constructs into raw storage `dst` when it returns RecvStatus::value.
RecvStatus chan_recv(ChanCore* chan, void* dst, std::source_location where);
RecvStatus chan_try_recv(ChanCore* chan, void* dst, std::source_location where);
void chan_close(ChanCore* chan, std::source_location where);
std::size_t chan_len(ChanCore* chan) noexcept;
std::size_t chan_cap(const ChanCore* chan) noexcept;

// One case of a select, type-erased. A nil channel's case has chan == nullptr.
struct SelectCase {
  ChanCore* chan;
  bool is_send;
  void* elem;  // send: the value to move from; receive: raw storage to move into
};

struct SelectResult {
  std::size_t index;  // the case that ran; cases.size() when the default ran
  bool received;      // for a receive case: a value was moved into its storage
};

SelectResult select(std::span<const SelectCase> cases, bool has_default,
                    std::source_location where);

}  // namespace weft::detail

// One context switch between a worker's scheduler and a fiber, told to the sanitizers.
//
// Boost.Context's fcontext does the switch (a few dozen instructions, no system call). A
// sanitizer must hear of every switch or it reports nonsense: ThreadSanitizer keeps one shadow
// state per fiber (__tsan_create_fiber / __tsan_switch_to_fiber), AddressSanitizer must know
// which stack is live (__sanitizer_start_switch_fiber / __sanitizer_finish_switch_fiber). In a
// build without them, every annotation below is empty.
//
// Protocol, for each context (a worker's scheduler, or a fiber):
//   before leaving it:   leave(from, to, from_ends)
//   on arriving in it:   arrive(self, from)   (learns the stack it came from, for ASan)
#pragma once

#include <boost/context/detail/fcontext.hpp>

#include <cstddef>

#include "sanitizers.h"

#ifdef WEFT_TSAN_FIBERS
#include <sanitizer/tsan_interface.h>
#endif
#ifdef WEFT_ASAN_FIBERS
#include <sanitizer/common_interface_defs.h>
#endif

namespace weft::rt::fibers {

namespace fctx = boost::context::detail;

// What the sanitizers need to know about one context.
struct SwitchState {
#ifdef WEFT_TSAN_FIBERS
  void* tsan_fiber = nullptr;
#endif
#ifdef WEFT_ASAN_FIBERS
  void* asan_fake_stack = nullptr;
  const void* stack_bottom = nullptr;  // lowest address of its stack
  std::size_t stack_size = 0;
#endif
};

// A fiber's state, made when the fiber is made.
inline void init_fiber_state(SwitchState& s, void* stack_base, std::size_t stack_size) noexcept {
#ifdef WEFT_TSAN_FIBERS
  s.tsan_fiber = __tsan_create_fiber(0);
#endif
#ifdef WEFT_ASAN_FIBERS
  s.stack_bottom = stack_base;
  s.stack_size = stack_size;
#endif
  static_cast<void>(s), static_cast<void>(stack_base), static_cast<void>(stack_size);
}

// A fiber's state, when the fiber has ended (called from another context).
inline void destroy_fiber_state(SwitchState& s) noexcept {
#ifdef WEFT_TSAN_FIBERS
  __tsan_destroy_fiber(s.tsan_fiber);
#endif
  static_cast<void>(s);
}

// A worker's scheduler: the thread's own context (its stack is learned on the first arrival
// back from a fiber).
inline void init_thread_state(SwitchState& s) noexcept {
#ifdef WEFT_TSAN_FIBERS
  s.tsan_fiber = __tsan_get_current_fiber();
#endif
  static_cast<void>(s);
}

inline void leave(SwitchState& from, SwitchState& to, bool from_ends) noexcept {
#ifdef WEFT_ASAN_FIBERS
  __sanitizer_start_switch_fiber(from_ends ? nullptr : &from.asan_fake_stack, to.stack_bottom,
                                 to.stack_size);
#endif
#ifdef WEFT_TSAN_FIBERS
  __tsan_switch_to_fiber(to.tsan_fiber, 0);
#endif
  static_cast<void>(from), static_cast<void>(to), static_cast<void>(from_ends);
}

inline void arrive(SwitchState& self, SwitchState& from) noexcept {
#ifdef WEFT_ASAN_FIBERS
  const void* bottom = nullptr;
  std::size_t size = 0;
  __sanitizer_finish_switch_fiber(self.asan_fake_stack, &bottom, &size);
  from.stack_bottom = bottom;
  from.stack_size = size;
#endif
  static_cast<void>(self), static_cast<void>(from);
}

}  // namespace weft::rt::fibers

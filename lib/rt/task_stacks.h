// Stacks for fiber tasks: fixed-size, with a guard page below each, reused across tasks.
//
// A stack is `kStackSize` bytes of address space; only the pages a task touches become
// resident (MAP_NORESERVE), so an idle task costs its control block plus the few pages its
// frames reached (see the runtime's README for the measured figure).
//
// Guard pages: where the kernel has lightweight guard regions (MADV_GUARD_INSTALL, Linux 6.13),
// stacks are carved from large slabs and each gets a guard without splitting the mapping, so
// 100,000 live tasks stay far under the process's mapping limit (vm.max_map_count, 65,530 by
// default). Elsewhere each stack is its own mapping with an mprotect'ed guard (two mappings per
// stack); past kMaxGuardedMappings stacks it falls back to slabs without guards rather than
// failing, and says so once on stderr.
//
// Thread safety: take/give_back are safe from any thread (a small per-thread cache in front of a
// locked shared list).
#pragma once

#include <cstddef>

namespace weft::rt::fibers {

inline constexpr std::size_t kStackSize = 256 * 1024;  // usable bytes per task stack

struct Stack {
  char* base = nullptr;  // lowest usable byte (the guard page, if any, lies just below)
  std::size_t size = 0;  // usable bytes
  char* top() const noexcept { return base + size; }
};

// A free stack, or one freshly mapped. Throws std::bad_alloc when the address space is gone.
Stack take_stack();
// Returns a stack no task runs on any more.
void give_back_stack(Stack stack) noexcept;

// Calls visit(stack) for every stack ever handed out or free, under the pool's lock (for the
// deadlock report, when nothing runs).
void for_each_stack_impl(void (*visit)(const Stack&, void*), void* context);
template <class Visit>
void for_each_stack(Visit&& visit) {
  for_each_stack_impl([](const Stack& s, void* c) { (*static_cast<Visit*>(c))(s); }, &visit);
}

}  // namespace weft::rt::fibers

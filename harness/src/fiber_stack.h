// Fiber stacks for the model runtime: each has a guard page below it, and they are reused
// across executions (an exploration runs thousands of executions of the same program).
//
// A task that overflows its stack touches the guard page. OverflowTrap turns that fault into a
// jump back to the scheduler (which reports the overflow as a finding) instead of a crash of
// the checker. A fault anywhere else is left to whatever handled it before.
#pragma once

#include <boost/context/stack_context.hpp>

#include <csetjmp>
#include <csignal>
#include <cstddef>
#include <vector>

namespace weft::harness {

class StackPool {
 public:
  explicit StackPool(std::size_t usable_size);
  ~StackPool();
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;

  boost::context::stack_context take();
  void give_back(boost::context::stack_context& stack);
  std::size_t usable_size() const { return size_; }

  // Whether addr lies in the guard page of a stack this pool handed out.
  static bool in_guard(const boost::context::stack_context& stack, const void* addr);

 private:
  std::size_t size_;  // usable bytes, a multiple of the page size
  std::vector<boost::context::stack_context> free_;
};

// A Boost.Context StackAllocator over a pool (copied into each fiber).
// `handed_out` learns which stack the fiber got (to tell an overflow of it).
struct PooledStack {
  StackPool* pool;
  boost::context::stack_context* handed_out;
  boost::context::stack_context allocate() { return *handed_out = pool->take(); }
  void deallocate(boost::context::stack_context& stack) { pool->give_back(stack); }
};

// A fault in the guard page of the stack armed on this thread siglongjmps to the landing set
// on this thread. Install one OverflowTrap::Scope per exploration; set the landing where the
// scheduler can take an overflow (once, not per resume: sigsetjmp costs more than a switch), and
// arm each fiber's stack while it runs.
class OverflowTrap {
 public:
  class Scope {  // installs the handler and an alternate signal stack; restores both
   public:
    Scope();
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    stack_t old_altstack_{};
    std::vector<char> altstack_;
  };

  static void land_at(sigjmp_buf* jump) noexcept;  // nullptr: overflows are not taken
  static void arm(const boost::context::stack_context* stack) noexcept;
  static void disarm() noexcept;
};

}  // namespace weft::harness

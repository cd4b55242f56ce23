// SlotNumbers: the SyncSlots one execution uses, numbered 0, 1, 2, ... in the order they are
// first met, so the vector clocks kept per slot (HappensBefore, Dpor) live in flat tables
// indexed by number, with no lookup by address.
//
// The number is kept in the slot itself (SyncSlot::model_tag), stamped with the execution's
// generation: a tag from another execution (a slot that outlives one, a global Mutex) or from
// no execution (0: a new slot) is stale, and the slot gets the next number. Generations come
// from one process-wide counter, so runtimes on several threads (--jobs) never share one.
// Invariant: within an execution, a slot's number never changes and no two slots share one —
// except past kMaxNumber slots in one execution, where the rest share the last number (a shared
// clock can only add happens-before edges: a race may be missed, none is invented).
#pragma once

#include <atomic>
#include <cstdint>

#include "weft/rt/runtime.h"

namespace weft::harness {

class SlotNumbers {
 static constexpr int kIndexBits = 24;  // 16 million slots per execution, 2^40 generations

 public:
  static constexpr std::uint32_t kMaxNumber = (std::uint32_t{1} << kIndexBits) - 1;

  // Every slot is new again (for the next execution).
  void next_execution() {
    generation_ = next_generation.fetch_add(1, std::memory_order_relaxed);
    count_ = 0;
  }
  std::uint32_t number(rt::SyncSlot& slot) {
    if (slot.model_tag >> kIndexBits == generation_) {
      return static_cast<std::uint32_t>(slot.model_tag & kMaxNumber);
    }
    const std::uint32_t n = count_ < kMaxNumber ? count_++ : kMaxNumber;
    slot.model_tag = generation_ << kIndexBits | n;
    return n;
  }

 private:
  inline static std::atomic<std::uint64_t> next_generation{1};  // 0 marks a slot never seen
  std::uint64_t generation_ = 0;
  std::uint32_t count_ = 0;
};

}  // namespace weft::harness

// Happens-before for one execution: a vector clock per task and per SyncSlot (by its number,
// slot_numbers.h), and the last
// accesses of every weft::var, to find data races (two accesses from different tasks, at least
// one a write, neither ordered before the other).
//
// The rules (the DJIT+ algorithm, with Go's edges):
//   - a task's own component counts its releases; an access is stamped with it (an epoch);
//   - release(slot): slot := slot ⊔ task; task[self] += 1 — everything the task did so far is
//     now visible to whoever acquires the slot;
//   - acquire(slot): task := task ⊔ slot;
//   - spawn: the child starts with its parent's clock (the go statement happens before the
//     task), and the parent then ticks; a timer gets a clock the same way when it is started,
//     and what it does when it fires (send on its channel, start an after_func task) runs on
//     that clock;
//   - access a (task u, epoch e) happens before the current access of task t iff e <= t[u].
// The primitives decide which hand-overs are edges (runtime.h, contract item 5): send ->
// receive, close -> receive, unlock -> lock, done -> wait, Once's run -> every caller.
#pragma once

#include <cstdint>
#include <optional>
#include <source_location>
#include <string>
#include <unordered_map>
#include <vector>

#include "address_map.h"
#include "clock_rows.h"
#include "weft/rt/runtime.h"

namespace weft::harness {

struct Access {
  int task;  // the clock's number
  std::uint32_t epoch;
  std::source_location where;
};

// What a race finding says: the earlier access and the one that raced with it.
struct Race {
  rt::ObjectId object;
  bool earlier_is_write;
  Access earlier;
  bool later_is_write;
  Access later;
};

class HappensBefore {
 public:
  // A new clock (for a task or a timer), started from parent's (parent < 0: from nothing).
  // Clocks are numbered 0, 1, 2, ... in the order they are made.
  int new_clock(int parent);
  void clear();  // for the next execution
  // `slot` is the SyncSlot's number this execution (SlotNumbers).
  void release(int task, std::uint32_t slot);
  void acquire(int task, std::uint32_t slot);

  // Records an access to a weft::var and returns the race it makes, if any.
  std::optional<Race> read(int task, rt::ObjectId var, std::source_location where);
  std::optional<Race> write(int task, rt::ObjectId var, std::source_location where);

 private:
  struct VarState {
    std::optional<Access> last_write;
    std::vector<Access> reads;  // the last read of each task since the last write
  };
  std::uint32_t get(int task, int component) const {
    return clocks_.row(static_cast<std::size_t>(task))[component];
  }
  bool ordered(const Access& earlier, int task) const {
    return earlier.epoch <= get(task, earlier.task);
  }
  Access stamp(int task, std::source_location where) const {
    return {task, get(task, task), where};
  }

  VarState& var(rt::ObjectId id);

  // Tasks' and slots' clocks have one width: a component per task clock made so far (at least).
  // The containers keep their memory from one execution to the next (clear() empties them).
  ClockRows clocks_{8};  // per task clock, in the order made
  ClockRows slots_{8};   // per slot number
  AddressMap var_index_;
  std::vector<VarState> vars_;
};

}  // namespace weft::harness

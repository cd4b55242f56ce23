// Decider: the interface of a strategy — what decides, at each choice of an execution, what happens next.
//
// The scheduler switches, the strategy decides, the execution remembers. ModelRuntime runs
// fibers and asks its Strategy two kinds of question:
//   - pick: which process makes the next event (a task at a visible operation, or the timer
//     queue firing its earliest timer); the candidates come in a fixed order (tasks by id, the
//     timer last);
//   - choose: which of n ready cases a select takes (a branch inside an event).
// It also tells the strategy what each event touched and where happens-before edges go (spawn,
// wake, release/acquire, timer start), which DPOR needs and the others ignore.
//
// A Process is a task's number (its spawn order in the execution, or with
// a process_table() a number that names it in every execution), or kTimerProcess for the
// timer queue.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "footprint.h"
#include "weft/rt/runtime.h"

namespace weft::harness {

using Process = int;
class ProcessTable;  // stable_names.h
inline constexpr Process kTimerProcess = -1;

struct Candidate {
  Process process;
  const Footprint* next;  // what its next event touches, as far as known before it runs
};

class Decider {
 public:
  virtual ~Decider() = default;

  // Index into candidates (never empty), or nullopt to end this execution here: what is left
  // of it repeats an execution already explored (or, for a replay, the token does not fit).
  virtual std::optional<std::size_t> pick(std::span<const Candidate> candidates) = 0;
  virtual std::size_t choose(std::size_t n) = 0;  // n >= 2
  // The event picked last has run; `touched` is all it touched (its operation, and the selects
  // it woke, which withdraw from their other channels); `widened`: more than its operation.
  virtual void event_done(const Footprint& touched, bool widened) {
    static_cast<void>(touched), static_cast<void>(widened);
  }
  // Whether it follows what events touch and how they are ordered (DPOR): only then does the
  // runtime compute footprints and call event_done and the edge callbacks below, which cost
  // more than the rest of an event for a strategy that ignores them.
  virtual bool follows_dependences() const { return false; }
  // Not nullptr: processes and the objects in footprints must have the same names in every
  // execution (stable_names.h), as wakeup trees need, and processes are numbered in this table
  // (one per search); else a process is its task's spawn number in the execution and an
  // object its address.
  virtual ProcessTable* process_table() { return nullptr; }
  // Whether the execution just run counts for this search (a sharded search skips the
  // executions of other shards).
  virtual bool counts() const { return true; }

  // Happens-before edges (called only if follows_dependences()).
  virtual void spawned(Process parent, Process child) {
    static_cast<void>(parent), static_cast<void>(child);
  }
  virtual void woke(Process waker, Process woken) {
    static_cast<void>(waker), static_cast<void>(woken);
  }
  // `slot`: the SyncSlot's number in this execution (slot_numbers.h).
  virtual void released(Process p, std::uint32_t slot) {
    static_cast<void>(p), static_cast<void>(slot);
  }
  virtual void acquired(Process p, std::uint32_t slot) {
    static_cast<void>(p), static_cast<void>(slot);
  }
  virtual void timer_started(Process p, rt::TimerId id) {
    static_cast<void>(p), static_cast<void>(id);
  }
  virtual void timer_firing(rt::TimerId id) { static_cast<void>(id); }
};

}  // namespace weft::harness

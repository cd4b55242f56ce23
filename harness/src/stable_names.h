// StableNames: names for processes and objects that hold from one execution of a program to
// the next, as a wakeup tree needs (wakeup_tree.h): a tree built in one execution names the
// processes and objects of executions to come.
//
// Addresses do not hold (a channel made by a task lands elsewhere when the allocator saw
// another order of calls), nor do spawn-order numbers (two tasks that each spawn one are
// numbered in the order they ran). What holds is where a thing came from, in program order:
//   - a process is "the k-th task spawned by process p" (main: the root; a timer's action:
//     "the action of the k-th object process p made", its timer), numbered on first sight and
//     kept for the whole search (ProcessTable, shared by the search's workers), so one process
//     has one number in every execution of every worker;
//   - an object made by a task (rt::made, which every primitive with a footprint reports) is
//     "the k-th object process p made": kNamed | (p + 1) << 32 | k. An object nobody made in
//     this execution (made before it: a global, the test's own) keeps its address, which does
//     hold, as it was made before the executions began.
// Invariant: a name with kNamed set is never an address (user-space addresses are below 2^63)
// nor kTimerQueue.
#pragma once

#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "address_map.h"
#include "strategy.h"
#include "weft/rt/runtime.h"

namespace weft::harness {

// The numbers of a search's processes, by origin: one table for all its workers, whose
// nodes name processes by these numbers.
class ProcessTable {
 public:
  Process number(std::uint64_t origin) {
    std::lock_guard<std::mutex> hold(mutex_);
    return numbers_.try_emplace(origin, static_cast<Process>(numbers_.size())).first->second;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::uint64_t, Process> numbers_;
};

class StableNames {
 public:
  static constexpr rt::ObjectId kNamed = rt::ObjectId{1} << 63;

  explicit StableNames(ProcessTable* table) : table_(table) {}

  // The process that is the `ordinal`-th spawn of `parent` (kTimerProcess - 1: of nobody, the
  // main task), or with `timer` the action of parent's `ordinal`-th object.
  Process process(Process parent, std::uint32_t ordinal, bool timer) {
    const std::uint64_t origin = std::uint64_t{timer} << 63 |
                                 static_cast<std::uint64_t>(static_cast<std::uint32_t>(parent + 2))
                                     << 32 |
                                 ordinal;
    // This worker's copy first: the table's lock only for a process it has not met yet.
    const auto [it, added] = processes_.try_emplace(origin, 0);
    if (added) it->second = table_->number(origin);
    return it->second;
  }

  // Per execution: objects made in it.
  void clear_objects() { objects_.clear(); }
  void made(rt::ObjectId address, Process maker, std::uint32_t ordinal) {
    bool added = false;
    const std::uint32_t i = objects_.index(address, &added);
    if (i >= names_.size()) names_.resize(i + 1);
    names_[i] = kNamed | static_cast<rt::ObjectId>(static_cast<std::uint32_t>(maker + 1)) << 32 |
                ordinal;
  }
  rt::ObjectId object(rt::ObjectId address) const {
    const std::uint32_t i = objects_.find(address);
    return i == AddressMap::kMissing ? address : names_[i];
  }

 private:
  ProcessTable* table_;
  std::unordered_map<std::uint64_t, Process> processes_;  // what this worker met of table_
  AddressMap objects_;                                     // this execution's made objects
  std::vector<rt::ObjectId> names_;                        // by objects_' index
};

}  // namespace weft::harness

// DporTree: the nodes of one DPOR search — the decisions executions take, with what is asleep,
// to explore and explored at each — and, with --jobs N, how the N workers (one Dpor each, on
// its own thread) share them.
//
// A worker explores depth-first below its path of nodes from the root, as one search would,
// and its nodes are its own (no lock) until it gives some away. A worker with nothing left
// says it is hungry and waits; a busy worker, between two executions, then gives away the
// shallowest node of its path that has something unexplored: that node and its ancestors become
// visible, shared by both paths, and the hungry worker replays the decisions from the root down
// to it and claims there. Visible nodes are read and written under the tree's mutex; any worker
// on them may claim what is left at them, and races add to them from either side. A claim puts
// the process in the node's `done` set at once, so no branch is explored twice, and branches
// started later at the node see it asleep where it is independent — the sets one search would
// keep. A branch of a visible node that carries a wakeup subtree is claimed only while no
// worker explores below the node (DporNode::unclaimed): what the branches explored meanwhile
// insert into it must be in it before it goes. So the workers' executions are exactly one
// search's. Processes are numbered in one table for all workers (processes()).
//
// Invariants:
//   - a node that is not visible is on exactly one worker's path, and only that worker touches
//     it; visible never becomes false again; a node's ancestors are visible if it is;
//   - a visible node lives while `refs` > 0: path steps (any worker's) on it, visible children,
//     and the pending list;
//   - a node's `exploring` is the number of workers' path steps on its branches (a schedule
//     node), each counted once (Step::exploring);
//   - the search is over when every worker is hungry and nothing is pending.
// With one worker nothing is ever visible and the mutex is never taken.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

#include "proc_set.h"
#include "stable_names.h"
#include "strategy.h"
#include "wakeup_tree.h"

namespace weft::harness {

struct DporNode {
  DporNode* parent = nullptr;
  Process via = 0;             // the decision at parent that leads here: its process...
  std::size_t via_option = 0;  // ...or, below a choice, its option
  bool choice = false;         // a select's choice (options) rather than a scheduling (processes)
  std::size_t options = 0;     // choice: how many
  std::size_t first_option = 0;  // choice: the option the execution that made the node took
  std::size_t next_option = 0; // choice: the next option no worker has claimed (or first_option)
  ProcSet procs;               // schedule: the candidates
  ProcSet sleep, sleep_wide;   // schedule: asleep when the node was reached
  // schedule: the wakeup tree (wakeup_tree.h), what to explore from here in order (its first
  // events are candidates); a branch's subtree goes to the node below it once it is claimed.
  // Without wakeup trees every branch is a leaf: a backtrack set.
  std::vector<WutBranch> wut;
  ProcSet done, done_wide;     // schedule: explored, or claimed to be explored
  // schedule: the workers' steps on branches of this node now (each worker's path has at
  // most one here). Wakeup trees, shared: a branch with a subtree is claimed only while this
  // is 0 (see unclaimed()).
  int exploring = 0;
  bool visible = false;        // shared with other workers (then under the tree's mutex)
  bool busy = false;           // visible: a claimed branch's first event has not ended yet
  int refs = 0;                // visible: who refers to it (see the invariants)

  // As a new node, keeping the vectors' memory (nodes are reused, one per event). Field by
  // field: a new field is reset here too.
  void reset() {
    parent = nullptr;
    via = 0;
    via_option = 0;
    choice = false;
    options = first_option = next_option = 0;
    procs.clear();
    sleep.clear();
    sleep_wide.clear();
    wut.clear();
    done.clear();
    done_wide.clear();
    exploring = 0;
    visible = busy = false;
    refs = 0;
  }
  // The leftmost branch of the wakeup tree whose process is neither claimed nor asleep
  // (nullptr: none). A visible node's branch with a subtree only while nobody explores below
  // the node: in one search the branches run one after the other, and what a branch explored
  // meanwhile inserts into a later branch's subtree would be lost once that subtree went to a
  // worker. A leaf takes nothing along, so leaves are claimed at any time (their order among
  // themselves and the rest is one a single search could have taken too).
  WutBranch* unclaimed() { return unclaimed_if(visible); }
  // shared: as if visible (the node is about to be given away).
  WutBranch* unclaimed_if(bool shared) {
    for (WutBranch& b : wut) {
      if (done.has(b.process) || sleep.has(b.process)) continue;
      if (!procs.has(b.process)) continue;  // handed down, and cannot run here (dpor.cc)
      if (shared && exploring > 0 && !b.next.empty()) continue;
      return &b;
    }
    return nullptr;
  }
  bool in_wut(Process p) const {
    for (const WutBranch& b : wut) {
      if (b.process == p) return true;
    }
    return false;
  }
  // choice: the next option to claim (options if none is left).
  std::size_t unclaimed_option() const {
    return next_option == first_option ? next_option + 1 : next_option;
  }
  // Something another worker could claim here once it is given away.
  bool has_work() { return choice ? unclaimed_option() < options : unclaimed_if(true) != nullptr; }
};

class DporTree {
 public:
  DporTree(bool shared, std::size_t workers) : shared_(shared), workers_(workers) {}
  DporTree(const DporTree&) = delete;
  DporTree& operator=(const DporTree&) = delete;
  ~DporTree() {
    std::vector<DporNode*> freed;
    for (DporNode* n : pending_) release(n, freed);
    for (DporNode* n : freed) delete n;
  }

  bool shared() const { return shared_; }
  ProcessTable& processes() { return processes_; }  // its own lock
  std::mutex& mutex() { return mutex_; }
  // Whether a worker waits for work (read without the mutex, between executions).
  bool hungry() const { return hungry_.load(std::memory_order_relaxed) > 0; }

  // True for the first worker to ask: it starts at the root; the others wait for work.
  bool take_root() {
    std::lock_guard<std::mutex> hold(mutex_);
    return !std::exchange(root_taken_, true);
  }

  // The rest take the mutex (the caller holds it).
  //
  // `path` (a worker's, root first) gives away its node `at`: it and its ancestors become
  // visible, and it is listed for a hungry worker.
  template <class Step>
  void give(const std::vector<Step>& path, std::size_t at) {
    for (std::size_t j = at + 1; j-- > 0;) {
      DporNode& n = *path[j].node;
      const bool child_shown = j < at;  // path[j + 1] was made visible just now
      if (n.visible) {
        if (child_shown) ++n.refs;
        break;
      }
      n.visible = true;
      n.refs += 1 + (child_shown ? 1 : 0);  // this worker's step, and that child
    }
    ++path[at].node->refs;
    pending_.push_back(path[at].node);
    work_.notify_one();
  }
  // A listed node for a hungry worker, or nullptr; the caller's path steps must hold every
  // node from the root to it (hold) before it drops the list's reference (release).
  DporNode* take_listed() {
    if (pending_.empty()) return nullptr;
    DporNode* n = pending_.back();
    pending_.pop_back();
    return n;
  }
  void hold(DporNode* n) { ++n->refs; }
  // Drops one reference to a visible node; nodes no longer referred to go to `freed`.
  void release(DporNode* n, std::vector<DporNode*>& freed) {
    while (n != nullptr && --n->refs == 0) {
      DporNode* parent = n->parent;
      freed.push_back(n);
      n = parent;
    }
  }
  // A worker with nothing left waits here (`lock` holds the mutex) for listed work (true) or
  // the end of the search (false: every worker waits, or stop()).
  bool wait_for_work(std::unique_lock<std::mutex>& lock) {
    if (!shared_ || stopped_) return false;
    if (++idle_ == workers_) {  // nobody is left to give work: the search is complete
      stopped_ = true;
      work_.notify_all();
      return false;
    }
    hungry_.fetch_add(1, std::memory_order_relaxed);
    work_.wait(lock, [&] { return stopped_ || !pending_.empty(); });
    hungry_.fetch_sub(1, std::memory_order_relaxed);
    --idle_;
    return !stopped_;
  }
  // The search ends for every worker (a finding, a budget, an error, or its end).
  void stop() {
    std::lock_guard<std::mutex> hold(mutex_);
    stopped_ = true;
    work_.notify_all();
  }

 private:
  const bool shared_;
  const std::size_t workers_;
  ProcessTable processes_;
  std::mutex mutex_;
  std::condition_variable work_;
  std::atomic<int> hungry_{0};
  std::vector<DporNode*> pending_;  // given away, not yet taken
  std::size_t idle_ = 0;
  bool stopped_ = false;
  bool root_taken_ = false;
};

}  // namespace weft::harness

// Dpor: exhaustive exploration with optimal dynamic partial-order reduction — source sets,
// sleep sets and wakeup trees (Abdulla, Aronis, Jonsson, Sagonas, "Optimal dynamic partial
// order reduction", POPL 2014, Algorithm 2): every Mazurkiewicz trace of the program under the
// dependence relation of footprint.h is explored by exactly one execution that runs to its
// end. A race's reversal is not just a process added at the node where it began but the whole
// sequence that reverses it (wakeup_tree.h), which the next executions there follow, so they
// do not run into states where every candidate is asleep. An execution that does (where a
// branch leads to a sleeper: harness/README.md, "Not yet") is cut short: it would only repeat
// an explored trace (counted as redundant). Wakeup trees name processes and objects the same
// in every execution (stable_names.h; the runtime does it when process_table() is given).
//
// Several workers (--jobs) share the trees: dpor_tree.h. Without wakeup trees (a test's
// choice) a node's tree is a backtrack set (leaves only): source-DPOR, Algorithm 1 — a race
// adds one process that can start its reversal, and a few executions are cut short.
//
// The search is stateless: each execution re-runs the program from the start, replaying the
// decisions of the nodes kept from the previous execution up to the node where it branches.
//
// Per execution the Dpor keeps, for happens-before between events:
//   - a vector clock per process, one component per process (slot p + 1; the timer queue 0):
//     component q = how many of q's events happen before. Every clock has the same width_
//     (widened, rarely, when a process beyond it appears) and lives in a flat table, so a join
//     is one fixed-length loop;
//   - per event, its clock (program order, earlier dependent events on the objects it
//     touched, hand-overs through SyncSlots, wakes, spawns, a timer's start before its firing);
//   - per object, the events that touched it that a later event may still race with.
// Happens-before is the trace's, the same for every order of it: a hand-over to the event's
// own process orders its next events (acquired()), and what an event handed on before it was
// known to touch more is joined again with its whole clock (event_done()).
// A race is a pair of dependent events of different processes, the earlier not already
// ordered before the later by other events; for each, v = notdep(e).e' is inserted into the
// wakeup tree of the node where e ran unless a sleeping or explored process there is a weak
// initial of v (source-DPOR: one initial of v joins the backtrack set unless one is there).
//
// Invariants: path_[0, pos_) are the decisions of the running execution so far; events_ are
// its events in order; every event's node index is < pos_. A visible node's sets are read and
// written under the tree's mutex, a node of this worker's alone without; a step's decision is
// this worker's alone.
//
// Several workers (--jobs) explore one search by sharing a DporTree: see dpor_tree.h.
#pragma once

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "address_map.h"
#include "clock_rows.h"
#include "dpor_tree.h"
#include "proc_set.h"
#include "strategy.h"
#include "wakeup_tree.h"

namespace weft::harness {

class Dpor final : public Decider {
 public:
  // reduce = false: no reduction at all, every interleaving (for tests of the reduction).
  // `tree` holds the search's nodes; workers that share one explore one search together.
  // wakeup_trees = false: source-DPOR alone (a backtrack set per node).
  Dpor(bool reduce, DporTree& tree, bool wakeup_trees = true)
      : reduce_(reduce), tree_(tree), optimal_(reduce && wakeup_trees) {}
  Dpor(const Dpor&) = delete;
  Dpor& operator=(const Dpor&) = delete;
  ~Dpor() override;

  // Before the first execution: false if this worker has nothing to explore (another worker
  // of a shared tree took the root, and the search ended before any work was listed).
  bool start();

  // Sharding: this search explores shard `index` of `count`. The first `depth` choices with
  // two or more candidates branch on every candidate (sleep sets still apply, and are the same
  // in every shard); each subtree below them belongs to the shard hash(path) % count, which
  // alone explores it with DPOR. So the shards' executions run to their end add up to the
  // unsharded search's: every trace once, in one shard.
  void shard(std::size_t index, std::size_t count, std::size_t depth) {
    shard_index_ = index;
    shard_count_ = count;
    split_depth_ = depth;
  }
  // Whether the execution just run belongs to this shard (always, unsharded).
  bool counts() const override;
  bool follows_dependences() const override { return true; }
  ProcessTable* process_table() override { return optimal_ ? &tree_.processes() : nullptr; }

  void begin_execution();
  // Moves to the next execution to run; false when the search is complete.
  bool next_execution();
  // The execution just run was cut short (every candidate asleep).
  bool cut_short() const { return cut_short_; }
  std::size_t depth() const { return path_.size(); }
  // Races whose reversal could not be placed precisely (every candidate added instead).
  std::size_t imprecise() const { return imprecise_; }

  std::optional<std::size_t> pick(std::span<const Candidate> candidates) override;
  std::size_t choose(std::size_t n) override;
  void event_done(const Footprint& touched, bool widened) override;
  void spawned(Process parent, Process child) override;
  void woke(Process waker, Process woken) override;
  void released(Process p, std::uint32_t slot) override;
  void acquired(Process p, std::uint32_t slot) override;
  void timer_started(Process p, rt::TimerId id) override;
  void timer_firing(rt::TimerId id) override;

 private:
  using Clock = std::vector<std::uint32_t>;
  // The nodes hold sets of processes asleep or explored (dpor_tree.h). A sleeper keeps no
  // footprint: its event is the same event in every execution that reaches the node (that is
  // what keeps it asleep), and what it touches is its pending operation there (pending_at) —
  // except that an event waking a select also touches the select's channels, known only once
  // it ran: such a sleeper is `wide` and wakes on anything.
  // This worker's decision at one node of its path.
  struct Step {
    DporNode* node;
    Process process = 0;    // schedule: the process taken
    std::size_t taken = 0;  // choice: the option taken
    // schedule: the processes claimed at the node before this one. They, not every process
    // claimed there by now, may sleep in this branch: of two branches of one node, only the
    // later sees the earlier asleep (as in one search, where the earlier has been explored).
    ProcSet done_before;
    bool exploring = false;  // schedule: counted in the node's `exploring` (dpor_tree.h)
  };
  DporNode* make_node();  // a new node below the path's last, for the next step
  void pop_step();        // under the tree's mutex if the step's node is visible
  // Claims at n the next process (or option) nobody explored for `step`; false: none left.
  // Under the tree's mutex if n is visible.
  bool claim(DporNode& n, Step& step);
  struct Event {  // its clock: row `index` of clock_pool_
    Process process;
    std::uint32_t node;
    std::uint32_t seq;   // its number among its process's events, from 1
    bool widened;        // it touched more than its pending operation
  };
  struct Entry {
    std::uint32_t event;
    Effect effect;
  };

  static std::size_t slot(Process p) { return static_cast<std::size_t>(p + 1); }
  // A process's clock (a row of clocks_, width_ long). Rows move when a table grows: make every
  // row needed exist (has_row) before holding pointers to any.
  void has_row(Process p) {
    if (slot(p) >= clocks_.rows()) add_row(p);
  }
  void add_row(Process p);
  std::uint32_t* row(Process p) { return clocks_.row(slot(p)); }
  void widen(std::size_t width);
  // Components past the processes that have a row are 0 in every clock: joins stop there.
  void join(std::uint32_t* into, const std::uint32_t* from) const {
    join_clock(into, from, clocks_.rows());
  }
  // Joins into `into` the clock of every remembered event that f depends on; `found` (if not
  // nullptr) gets the index in histories_ of each of f's objects, in order (made if new).
  void join_dependencies(std::uint32_t* into, const Footprint& f,
                         std::vector<std::uint32_t>* found);
  std::uint32_t component(std::size_t event, Process p) const;
  bool happens_before(std::size_t a, std::size_t b) const;
  bool known(std::size_t event, const Clock& clock) const;
  const std::vector<Entry>* history(rt::ObjectId object) const;  // nullptr: none yet
  std::uint32_t history_of(rt::ObjectId object);  // its index in histories_, made if new

  // known_histories: the index in histories_ of each of touched's objects, in order (or nullptr).
  void analyse_races(std::size_t x, const Footprint& touched, const std::uint32_t* known_histories);
  void reverse(std::size_t e, std::size_t x);
  // Wakeup trees (wakeup_tree.h), unless the search was made without them (then a node's
  // tree is a backtrack set: a race adds one initial of its reversal, as source-DPOR does).
  // Whether process q is a weak initial of the events `rem` (indices into events_): its first
  // event there has no predecessor there, or it has none there and its next event, `next`,
  // commutes with all of them.
  bool weak_initial(Process q, const Footprint& next, const std::vector<std::size_t>& rem) const;
  void add_initial(DporNode& node);  // source-DPOR: one initial of v_ joins node's backtrack set
  // The race of event e with q's next event, `next`, which never ran (q was a candidate where
  // e ran): v = that event alone, inserted at e's node unless covered.
  void reverse_unrun(DporNode& node, std::size_t e, Process q, const Footprint& next);
  // The options taken at the choices inside event y, in order.
  void options_of(std::size_t y, std::vector<std::uint32_t>& into) const;
  // Inserts rem into node's tree (node: where event e ran), unless a branch covers it.
  void insert(DporNode& node, std::vector<std::size_t>& rem, std::size_t e);
  // q's pending operation at the node where event e ran: its first event from e on (as far as
  // known before it ran), or, if it has not run since, its pending operation now.
  const Footprint* pending_at(std::size_t e, Process q) const;  // into node.wut, unless covered
  // Gives a node its first branch: the leftmost of the wakeup tree handed down (pending_wut_),
  // or the first candidate awake. Returns the candidate's index, or nullopt if all are asleep.
  std::optional<std::size_t> start_node(DporNode& n, std::span<const Candidate> candidates);
  void take(WutBranch& b);  // claims b: the node below follows its subtree, its event its options
  void remember(std::size_t x, const Footprint& touched, const std::uint32_t* known_histories);
  const Footprint* pending(Process p) const;  // a candidate's footprint at the current node

  std::uint64_t path_hash() const;  // of the decisions so far

  const bool reduce_;
  DporTree& tree_;
  const bool optimal_;

  std::size_t shard_index_ = 0;
  std::size_t shard_count_ = 1;
  std::size_t split_depth_ = 0;
  std::uint32_t depth_ = 0;       // choices with 2+ candidates so far, this execution
  bool skipped_ = false;          // cut where a subtree of another shard begins
  bool reached_split_ = false;    // got below the split depth (into a subtree of this shard)
  std::vector<Step> path_;  // from the root: this worker's decisions
  std::size_t pos_ = 0;
  std::size_t fresh_from_ = 0;  // steps before it replay the previous execution's decisions
  bool cut_short_ = false;
  std::size_t imprecise_ = 0;

  // The running execution; the containers keep their memory from one execution to the next.
  std::vector<Event> events_;
  std::size_t width_ = 8;               // components of every clock (each table's width)
  ClockRows clock_pool_{8};             // per event (events_[i]'s is row i)
  ClockRows clocks_{8};                 // per process, by slot(process)
  AddressMap objects_;                  // object -> its history in histories_
  std::vector<std::vector<Entry>> histories_;
  ClockRows slot_clocks_{8};            // per SyncSlot, by its number this execution
  std::unordered_map<rt::TimerId, Clock> timer_starts_;
  ProcSet sleep_now_, sleep_now_wide_;  // asleep at the next new node
  std::span<const Candidate> candidates_;  // at the current node (the runtime's)
  Process current_ = 0;                 // the event in flight
  bool in_event_ = false;               // between pick() and event_done()
  std::vector<std::uint32_t> deferred_;  // SyncSlots its process acquired (see acquired())
  // Where the event in flight handed its clock on (wakeup trees only): a process's row (by
  // slot), a SyncSlot, a timer's start. Joined again if the event turns out to touch more.
  struct Handed {
    enum Kind : std::uint8_t { kRow, kSlot, kTimer } kind;
    std::uint64_t index;
  };
  std::vector<Handed> handed_;
  Footprint current_pending_;           // its pending operation's footprint
  std::vector<std::uint32_t> pending_histories_;  // in histories_, of that footprint's objects
  std::size_t current_node_ = 0;
  Clock before_;                        // its process's clock before it
  std::vector<std::size_t> races_, v_;  // scratch
  std::vector<Process> seen_, initials_;
  std::vector<DporNode*> chain_;
  std::vector<DporNode*> pool_;  // nodes to reuse
  // The subtree of the branch claimed last: the wakeup tree of the next new schedule node.
  std::vector<WutBranch> pending_wut_;
  // The options the claimed branch's event takes at its choices (from follow_at_ on).
  std::vector<std::uint32_t> follow_options_;
  std::size_t follow_at_ = 0;
  std::vector<Footprint> touched_;   // per event: all it touched (wakeup trees only)
  // For each widened event: its pending operation's footprint (wakeup trees only).
  std::vector<std::pair<std::uint32_t, Footprint>> narrow_;
};

}  // namespace weft::harness

#include "dpor.h"

#include <algorithm>
#include <stdexcept>

namespace weft::harness {

namespace {
[[noreturn]] void not_repeatable() {
  throw std::logic_error(
      "weft: the program did not repeat itself: the same schedule met different choices "
      "(does it read a clock, a random number or state left by an earlier run?)");
}
}  // namespace

// ---- clocks ---------------------------------------------------------------------------------

void Dpor::add_row(Process p) {
  const std::size_t s = slot(p);
  if (s >= width_) widen(std::max(width_ * 2, s + 1));
  clocks_.grow_to(s + 1);
}

void Dpor::widen(std::size_t width) {
  clocks_.widen(width);
  slot_clocks_.widen(width);
  clock_pool_.widen(width);
  for (auto& [id, start] : timer_starts_) start.resize(width, 0);
  before_.resize(width, 0);
  width_ = width;
}

// Inlined into pick(), where it runs once per event (only this file calls it).
[[gnu::always_inline]] inline void Dpor::join_dependencies(std::uint32_t* into, const Footprint& f,
                             std::vector<std::uint32_t>* found) {
  for (const Touch t : f) {
    const std::uint32_t i = history_of(t.object);
    if (found != nullptr) found->push_back(i);
    for (const Entry& e : histories_[i]) {
      if (dependent(e.effect, t.effect)) join(into, clock_pool_.row(e.event));
    }
  }
}

std::uint32_t Dpor::component(std::size_t event, Process p) const {
  const std::size_t s = slot(p);
  return s < width_ ? clock_pool_.row(event)[s] : 0;
}

bool Dpor::happens_before(std::size_t a, std::size_t b) const {
  return a == b || component(b, events_[a].process) >= events_[a].seq;
}

bool Dpor::known(std::size_t event, const Clock& clock) const {
  const Event& e = events_[event];
  const std::size_t s = slot(e.process);
  return s < clock.size() && clock[s] >= e.seq;
}

std::uint32_t Dpor::history_of(rt::ObjectId object) {
  bool added = false;
  const std::uint32_t i = objects_.index(object, &added);
  if (i == histories_.size()) histories_.emplace_back();
  if (added) histories_[i].clear();
  return i;
}

const std::vector<Dpor::Entry>* Dpor::history(rt::ObjectId object) const {
  const std::uint32_t i = objects_.find(object);
  return i == AddressMap::kMissing ? nullptr : &histories_[i];
}

// ---- one execution --------------------------------------------------------------------------

void Dpor::begin_execution() {
  pos_ = 0;
  depth_ = 0;
  skipped_ = false;
  reached_split_ = false;
  cut_short_ = false;
  events_.clear();
  touched_.clear();
  narrow_.clear();
  deferred_.clear();
  handed_.clear();
  in_event_ = false;
  clock_pool_.clear();
  clocks_.clear();
  objects_.clear();
  slot_clocks_.clear();
  timer_starts_.clear();
  sleep_now_.clear();
  sleep_now_wide_.clear();
}

std::optional<std::size_t> Dpor::pick(std::span<const Candidate> candidates) {
  std::size_t k = 0;
  if (shard_count_ > 1 && candidates.size() > 1 && depth_ == split_depth_) {
    // A subtree begins: explored only by the shard it belongs to (a replayed prefix that gets
    // here is in a subtree of this shard already).
    if (path_hash() % shard_count_ != shard_index_) {
      skipped_ = true;
      return std::nullopt;
    }
    reached_split_ = true;
  }
  if (pos_ < path_.size()) {
    const Step& step = path_[pos_];
    if (step.node->choice) not_repeatable();  // a node's kind never changes: no lock needed
    while (k < candidates.size() && candidates[k].process != step.process) ++k;
    if (k == candidates.size()) not_repeatable();
  } else {
    // A new node, this worker's alone (dpor_tree.h); its first process is claimed at once.
    DporNode& n = *make_node();
    const std::optional<std::size_t> first = start_node(n, candidates);
    if (!first) {
      pool_.push_back(&n);
      cut_short_ = true;
      return std::nullopt;
    }
    k = *first;
    path_.push_back(Step{&n, candidates[k].process, 0, {}, true});
    n.exploring = 1;
  }
  if (candidates.size() > 1) ++depth_;
  candidates_ = candidates;  // the runtime keeps them unchanged until event_done
  current_ = candidates[k].process;
  in_event_ = true;
  current_node_ = pos_++;
  // What the pending operation touches is needed after the event only if it is fresh (it may
  // be, though its node is replayed, when a choice inside it is the one that changed).
  const bool choice_next = pos_ < path_.size() && path_[pos_].node->choice;
  if (optimal_ || current_node_ >= fresh_from_ || choice_next) {
    current_pending_ = *candidates[k].next;
  }
  // The event starts: its clock is its process's, one event further, joined with every earlier
  // event it depends on (as far as known before it runs: its pending operation). Releases
  // during the event hand this clock on.
  has_row(current_);
  std::uint32_t* c = row(current_);
  // Its clock before it: for races (fresh events only) and a firing's timer start.
  if (current_node_ >= fresh_from_ || current_ == kTimerProcess || choice_next) {
    before_.assign(c, c + width_);
  }
  ++c[slot(current_)];
  // Joins the earlier events its operation depends on, and keeps each touched object's history
  // for remember() and analyse_races(), which look at the same objects.
  pending_histories_.clear();
  join_dependencies(c, *candidates[k].next, &pending_histories_);
  return k;
}

std::size_t Dpor::choose(std::size_t n) {
  if (pos_ < path_.size()) {
    const Step& step = path_[pos_++];
    if (!step.node->choice || step.node->options != n) not_repeatable();
    return step.taken;
  }
  DporNode& c = *make_node();
  c.choice = true;
  c.options = n;
  // The branch of a wakeup tree being followed says which option its event takes.
  std::size_t taken = 0;
  if (follow_at_ < follow_options_.size()) {
    taken = follow_options_[follow_at_++];
    if (taken >= n) not_repeatable();
  }
  c.first_option = taken;
  c.next_option = 0;
  path_.push_back(Step{&c, 0, taken, {}});
  ++pos_;
  return taken;
}

DporNode* Dpor::make_node() {
  DporNode* n;
  if (pool_.empty()) {
    n = new DporNode;
  } else {
    n = pool_.back();
    pool_.pop_back();
    n->reset();
  }
  if (!path_.empty()) {
    n->parent = path_.back().node;
    n->via = path_.back().process;
    n->via_option = path_.back().taken;
  }
  return n;
}

void Dpor::pop_step() {
  DporNode* n = path_.back().node;
  if (path_.back().exploring) --n->exploring;
  path_.pop_back();
  if (n->visible) {
    tree_.release(n, pool_);  // the caller holds the tree's mutex
  } else {
    pool_.push_back(n);  // this worker's alone: nothing else refers to it
  }
}

bool Dpor::start() {
  if (!tree_.shared() || tree_.take_root()) return true;
  return next_execution();
}

Dpor::~Dpor() {
  std::unique_lock<std::mutex> lock(tree_.mutex(), std::defer_lock);
  if (tree_.shared()) lock.lock();
  while (!path_.empty()) pop_step();
  if (lock.owns_lock()) lock.unlock();
  for (DporNode* n : pool_) delete n;
}

void Dpor::event_done(const Footprint& touched, bool widened) {
  has_row(current_);
  std::uint32_t* c = row(current_);
  if (widened) {
    join_dependencies(c, touched, nullptr);  // beyond its pending operation
    // What the event handed on before it was known to touch more (to tasks it woke or
    // spawned, and those to others, in slots, in timer starts) happens after all of it too:
    // happens-before is transitive.
    for (const Handed& h : handed_) {
      switch (h.kind) {
        case Handed::kRow: join(clocks_.row(h.index), c); break;
        case Handed::kSlot: join(slot_clocks_.row(h.index), c); break;
        case Handed::kTimer: {
          Clock& start = timer_starts_[h.index];
          join(start.data(), c);
          break;
        }
      }
    }
  }
  handed_.clear();
  const std::size_t x = events_.size();
  events_.push_back(
      Event{current_, static_cast<std::uint32_t>(current_node_), c[slot(current_)], widened});
  if (optimal_) {
    touched_.push_back(touched);
    if (widened) narrow_.emplace_back(static_cast<std::uint32_t>(x), current_pending_);
  }
  clock_pool_.push(c);
  in_event_ = false;
  for (std::uint32_t slot : deferred_) join(row(current_), slot_clocks_.row(slot));
  deferred_.clear();

  // Races, sleep sets and what was explored at the node are looked at once per event: the
  // replayed prefix's were, in the execution that first ran them.
  const bool fresh = pos_ > fresh_from_;
  // Not widened: `touched` is the pending operation's footprint, whose histories pick() found.
  const std::uint32_t* known_histories = widened ? nullptr : pending_histories_.data();
  if (reduce_ && fresh) analyse_races(x, touched, known_histories);
  remember(x, touched, known_histories);
  if (!fresh) return;
  if (reduce_ && current_ != kTimerProcess) {
    // A timer start or stop races with the firing the timer queue would make now, though that
    // firing never ran: a stop can take its timer away for good, and a race is only ever
    // found between events that ran.
    const Footprint* queue = pending(kTimerProcess);
    if (queue != nullptr && !queue->independent_of(touched)) {
      DporNode& at = *path_[current_node_].node;
      std::unique_lock<std::mutex> hold(tree_.mutex(), std::defer_lock);
      if (at.visible) hold.lock();
      reverse_unrun(at, x, kTimerProcess, *queue);
    }
  }

  DporNode& node = *path_[current_node_].node;
  std::unique_lock<std::mutex> lock(tree_.mutex(), std::defer_lock);
  if (node.visible) lock.lock();  // other workers may claim at it meanwhile
  bool wide = false;
  for (const Touch t : touched) {
    if (!widened) break;
    wide = true;
    for (const Touch m : current_pending_) {
      if (m.object == t.object && m.effect == t.effect) wide = false;
    }
    if (wide) break;
  }
  if (reduce_) {
    sleep_now_.clear();
    sleep_now_wide_.clear();
    for (const ProcSet* set : {&node.sleep, &path_[current_node_].done_before}) {
      set->for_each([&](Process s) {
        if (s == current_ || sleep_now_.has(s)) return;
        if (node.sleep_wide.has(s) || node.done_wide.has(s)) return;
        const Footprint* theirs = pending(s);
        if (theirs != nullptr && theirs->independent_of(touched)) sleep_now_.add(s);
      });
    }
  }
  node.done.add(current_);
  if (wide) node.done_wide.add(current_);  // another choice inside the same event may add it
  node.busy = false;
}

const Footprint* Dpor::pending(Process p) const {
  for (const Candidate& c : candidates_) {
    if (c.process == p) return c.next;
  }
  return nullptr;
}

std::uint64_t Dpor::path_hash() const {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (std::size_t i = 0; i < pos_; ++i) {
    const Step& n = path_[i];
    const std::uint64_t d = n.node->choice ? (n.taken << 1)
                                           : (static_cast<std::uint64_t>(n.process + 1) << 1 | 1);
    h = (h ^ d) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  h ^= h >> 30;  // splitmix64's finaliser: every bit of the path reaches the low bits
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

bool Dpor::counts() const {
  if (shard_count_ <= 1) return true;
  if (skipped_) return false;
  if (reached_split_) return true;
  return path_hash() % shard_count_ == shard_index_;  // ended above the split depth
}

// ---- races ----------------------------------------------------------------------------------

void Dpor::analyse_races(std::size_t x, const Footprint& touched,
                          const std::uint32_t* known_histories) {
  const Process p = events_[x].process;
  races_.clear();
  if (touched.everything()) {
    // Too many objects to follow: every earlier event of another process may race with it.
    for (std::size_t e = 0; e < x; ++e) {
      if (events_[e].process != p && !known(e, before_)) races_.push_back(e);
    }
  }
  std::size_t j = 0;
  for (const Touch t : touched) {
    const std::vector<Entry>* list =
        known_histories != nullptr ? &histories_[known_histories[j]] : history(t.object);
    ++j;
    if (list == nullptr) continue;
    for (const Entry& e : *list) {
      if (events_[e.event].process == p || !dependent(e.effect, t.effect)) continue;
      if (known(e.event, before_)) continue;
      // Immediate only: not ordered before x through a later dependent event.
      bool immediate = true;
      for (const Entry& f : *list) {
        if (f.event > e.event && dependent(f.effect, t.effect) &&
            happens_before(e.event, f.event)) {
          immediate = false;
          break;
        }
      }
      if (immediate) races_.push_back(e.event);
    }
  }
  std::sort(races_.begin(), races_.end());
  races_.erase(std::unique(races_.begin(), races_.end()), races_.end());
  std::unique_lock<std::mutex> lock(tree_.mutex(), std::defer_lock);
  for (std::size_t e : races_) {
    // A visible node may be on other workers' paths too.
    if (path_[events_[e].node].node->visible && !lock.owns_lock()) lock.lock();
    reverse(e, x);
  }
}

void Dpor::reverse(std::size_t e, std::size_t x) {
  DporNode& node = *path_[events_[e].node].node;
  // v = notdep(e).x: the events after e that do not happen after it, then x.
  v_.clear();
  for (std::size_t y = e + 1; y <= x; ++y) {
    if (y < x && happens_before(e, y)) continue;
    v_.push_back(y);
  }
  if (!optimal_) {
    add_initial(node);
    return;
  }
  // Covered if a process asleep or explored at the node is a weak initial of v: what was or
  // will be explored from there reverses the race too. (A wide one may touch more than its
  // pending operation: it covers nothing.)
  bool covered = false;
  for (const ProcSet* set : {&node.sleep, &node.done}) {
    set->for_each([&](Process q) {
      if (covered || node.sleep_wide.has(q) || node.done_wide.has(q)) return;
      const Footprint* next = pending_at(e, q);
      covered = next != nullptr && weak_initial(q, *next, v_);
    });
  }
  if (!covered) insert(node, v_, e);
}

void Dpor::reverse_unrun(DporNode& node, std::size_t e, Process q, const Footprint& next) {
  if (!optimal_) {
    if (!node.in_wut(q)) node.wut.push_back(WutBranch{q, {}, {}, {}});
    return;
  }
  // v = q's next event alone. Covered by q itself asleep or explored here, or by a process
  // whose next event commutes with it (a weak initial of v).
  bool covered = false;
  for (const ProcSet* set : {&node.sleep, &node.done}) {
    set->for_each([&](Process s) {
      if (covered || node.sleep_wide.has(s) || node.done_wide.has(s)) return;
      if (s == q) {
        covered = true;
        return;
      }
      const Footprint* theirs = pending_at(e, s);
      covered = theirs != nullptr && theirs->independent_of(next);
    });
  }
  if (covered) return;
  std::vector<WutBranch>* level = &node.wut;
  for (;;) {
    WutBranch* into = nullptr;
    for (WutBranch& c : *level) {
      if (c.process == q || c.footprint.independent_of(next)) {
        into = &c;
        break;
      }
    }
    if (into == nullptr) break;
    if (into->process == q || into->next.empty()) return;  // explored there too
    level = &into->next;
  }
  level->push_back(WutBranch{q, next, {}, {}});
}

void Dpor::add_initial(DporNode& node) {
  // The initials of v: the processes whose first event in v has no predecessor in v.
  seen_.clear();
  initials_.clear();
  for (std::size_t i = 0; i < v_.size(); ++i) {
    const Process q = events_[v_[i]].process;
    if (std::find(seen_.begin(), seen_.end(), q) != seen_.end()) continue;
    seen_.push_back(q);
    const bool initial = std::none_of(v_.begin(), v_.begin() + static_cast<std::ptrdiff_t>(i),
                                      [&](std::size_t z) { return happens_before(z, v_[i]); });
    if (!initial) continue;
    if (node.in_wut(q)) return;  // the reversal is already on the way
    initials_.push_back(q);
  }
  // Add one initial the node can run, one awake if there is one.
  Process chosen = 0;
  bool found = false;
  for (Process q : initials_) {
    if (!node.procs.has(q)) continue;
    if (!found || (node.sleep.has(chosen) && !node.sleep.has(q))) {
      chosen = q;
      found = true;
    }
  }
  if (found) {
    node.wut.push_back(WutBranch{chosen, {}, {}, {}});
    return;
  }
  ++imprecise_;  // every candidate instead
  node.procs.for_each([&](Process q) {
    if (!node.in_wut(q)) node.wut.push_back(WutBranch{q, {}, {}, {}});
  });
}

void Dpor::options_of(std::size_t y, std::vector<std::uint32_t>& into) const {
  into.clear();
  const std::size_t end = y + 1 < events_.size() ? events_[y + 1].node : pos_;
  for (std::size_t i = events_[y].node + 1; i < end; ++i) {
    if (path_[i].node->choice) into.push_back(static_cast<std::uint32_t>(path_[i].taken));
  }
}

bool Dpor::weak_initial(Process q, const Footprint& next,
                        const std::vector<std::size_t>& rem) const {
  for (std::size_t i = 0; i < rem.size(); ++i) {
    if (events_[rem[i]].process != q) continue;
    for (std::size_t j = 0; j < i; ++j) {
      if (happens_before(rem[j], rem[i])) return false;
    }
    return true;
  }
  for (std::size_t y : rem) {
    if (!next.independent_of(touched_[y])) return false;
  }
  return true;
}

const Footprint* Dpor::pending_at(std::size_t e, Process q) const {
  for (std::size_t y = e; y < events_.size(); ++y) {
    if (events_[y].process != q) continue;
    if (!events_[y].widened) return &touched_[y];
    for (const auto& [event, footprint] : narrow_) {
      if (event == y) return &footprint;
    }
    return nullptr;
  }
  return pending(q);  // it has not run since
}

void Dpor::insert(DporNode& node, std::vector<std::size_t>& rem, std::size_t e) {
  std::vector<WutBranch>* level = &node.wut;
  for (;;) {
    WutBranch* into = nullptr;
    for (WutBranch& c : *level) {
      if (weak_initial(c.process, c.footprint, rem)) {
        into = &c;
        break;
      }
    }
    if (into == nullptr) break;
    // Down the branch: what it runs first is no longer to come in rem.
    for (std::size_t i = 0; i < rem.size(); ++i) {
      if (events_[rem[i]].process == into->process) {
        rem.erase(rem.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    }
    if (into->next.empty() || rem.empty()) return;  // what is explored there includes rem
    level = &into->next;
  }
  if (level == &node.wut && !node.procs.has(events_[rem.front()].process)) {
    // Its first event cannot run at the node (should not happen: the clocks order every
    // event after what enabled it): every candidate instead.
    ++imprecise_;
    node.procs.for_each([&](Process q) {
      const Footprint* next = pending_at(e, q);
      if (!node.in_wut(q)) {
        node.wut.push_back(WutBranch{q, next != nullptr ? *next : Footprint::anything(), {}, {}});
      }
    });
    return;
  }
  // The rest of rem, as a new rightmost branch.
  for (std::size_t y : rem) {
    WutBranch b{events_[y].process, touched_[y], {}, {}};
    options_of(y, b.options);
    level->push_back(std::move(b));
    level = &level->back().next;
  }
}

std::optional<std::size_t> Dpor::start_node(DporNode& n, std::span<const Candidate> candidates) {
  follow_options_.clear();
  follow_at_ = 0;
  n.sleep = sleep_now_;
  n.sleep_wide = sleep_now_wide_;
  for (const Candidate& c : candidates) {
    n.procs.add(c.process);
  }
  auto index_of = [&](Process p) -> std::optional<std::size_t> {
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      if (candidates[k].process == p) return k;
    }
    return std::nullopt;
  };
  const bool follow = !pending_wut_.empty();
  if (!reduce_ || (shard_count_ > 1 && depth_ < split_depth_)) {
    // Every candidate (no reduction, or above the split depth of a sharded search).
    for (const Candidate& c : candidates) n.wut.push_back(WutBranch{c.process, *c.next, {}, {}});
  } else if (follow) {
    n.wut.swap(pending_wut_);  // swapped, not moved: both keep a buffer for the next time
  }
  pending_wut_.clear();
  // The leftmost branch that can run here and is awake.
  for (WutBranch& b : n.wut) {
    const std::optional<std::size_t> k = index_of(b.process);
    if (!k || n.sleep.has(b.process)) continue;
    n.done.add(b.process);
    take(b);
    return k;
  }
  if (follow) ++imprecise_;  // the tree handed down could not be followed here
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    if (n.sleep.has(candidates[k].process)) continue;
    // (Source-DPOR compares no footprints.)
    n.wut.push_back(WutBranch{candidates[k].process,
                              optimal_ ? *candidates[k].next : Footprint::none(), {}, {}});
    n.done.add(candidates[k].process);
    return k;
  }
  return std::nullopt;
}

void Dpor::take(WutBranch& b) {
  pending_wut_.clear();
  pending_wut_.swap(b.next);  // the node below follows it
  follow_options_.swap(b.options);
  b.options.clear();
  follow_at_ = 0;
}

void Dpor::remember(std::size_t x, const Footprint& touched,
                    const std::uint32_t* known_histories) {
  const Process p = events_[x].process;
  std::size_t j = 0;
  for (const Touch t : touched) {
    std::vector<Entry>& list =
        histories_[known_histories != nullptr ? known_histories[j] : history_of(t.object)];
    ++j;
    std::erase_if(list, [&](const Entry& e) {
      return covers(t.effect, e.effect) || (events_[e.event].process == p && e.effect == t.effect);
    });
    list.push_back(Entry{static_cast<std::uint32_t>(x), t.effect});
  }
}

// ---- the search -----------------------------------------------------------------------------

bool Dpor::next_execution() {
  // The mutex only for visible nodes and for work changing hands (dpor_tree.h).
  std::unique_lock<std::mutex> lock(tree_.mutex(), std::defer_lock);
  auto locked = [&] {
    if (!lock.owns_lock()) lock.lock();
  };
  if (tree_.shared() && tree_.hungry()) {
    // The shallowest node with work left goes to a worker that has none.
    for (std::size_t i = 0; i < path_.size(); ++i) {
      if (path_[i].node->visible) locked();
      if (path_[i].node->has_work()) {
        locked();
        tree_.give(path_, i);
        break;
      }
    }
  }
  for (;;) {
    // Depth-first: the deepest step of this worker's path with something left to explore.
    while (!path_.empty()) {
      Step& step = path_.back();
      if (step.node->visible) locked();
      if (claim(*step.node, step)) {
        fresh_from_ = path_.size() - 1;
        return true;
      }
      pop_step();
    }
    if (!tree_.shared()) return false;
    // Nothing left here: work another worker gave away, or wait for some.
    locked();
    DporNode* n = tree_.take_listed();
    if (n == nullptr) {
      if (!tree_.wait_for_work(lock)) return false;
      continue;
    }
    // The decisions from the root down to n, as n's ancestors record them; then the loop
    // claims at n (or, if the giver took what was left there, further up).
    chain_.clear();
    for (DporNode* a = n; a != nullptr; a = a->parent) chain_.push_back(a);
    for (std::size_t i = chain_.size(); i-- > 0;) {
      tree_.hold(chain_[i]);
      Step step{chain_[i], 0, 0, {}};
      if (i > 0) {
        step.process = chain_[i - 1]->via;
        step.taken = chain_[i - 1]->via_option;
        step.exploring = !chain_[i]->choice;  // below that branch, as its giver is
        if (step.exploring) ++chain_[i]->exploring;
      }
      path_.push_back(step);
    }
    tree_.release(n, pool_);  // the list's reference: the new path holds it
  }
}

bool Dpor::claim(DporNode& n, Step& step) {
  pending_wut_.clear();
  follow_options_.clear();
  follow_at_ = 0;
  if (n.choice) {
    const std::size_t option = n.unclaimed_option();
    if (option >= n.options) return false;
    step.taken = option;
    n.next_option = option + 1;
    return true;
  }
  // While a claimed branch's first event runs, what it touches is not known yet (done_wide):
  // a visible node takes no other claim until then. The worker that claimed comes back here.
  if (n.busy) return false;
  if (step.exploring) {  // its branch here is explored
    --n.exploring;
    step.exploring = false;
  }
  WutBranch* b = n.unclaimed();
  if (b == nullptr) return false;
  step.done_before = n.done;
  n.done.add(b->process);
  n.busy = n.visible;
  step.process = b->process;
  step.exploring = true;
  ++n.exploring;
  take(*b);
  return true;
}

// ---- happens-before edges -------------------------------------------------------------------

void Dpor::spawned(Process parent, Process child) {
  has_row(parent);
  has_row(child);
  std::copy_n(row(parent), width_, row(child));
  if (optimal_ && in_event_) handed_.push_back(Handed{Handed::kRow, slot(child)});
}

void Dpor::woke(Process waker, Process woken) {
  has_row(waker);
  has_row(woken);
  join(row(woken), row(waker));
  if (optimal_ && in_event_) handed_.push_back(Handed{Handed::kRow, slot(woken)});
}

void Dpor::released(Process p, std::uint32_t slot) {
  has_row(p);
  slot_clocks_.grow_to(std::size_t{slot} + 1);
  join(slot_clocks_.row(slot), row(p));
  if (optimal_ && in_event_) handed_.push_back(Handed{Handed::kSlot, slot});
}

void Dpor::acquired(Process p, std::uint32_t slot) {
  if (slot >= slot_clocks_.rows()) return;  // never released: nothing to learn
  if (optimal_ && in_event_ && p == current_) {
    // A hand-over to the event's own process orders its NEXT events, not this one: had the
    // event come before the giving one, it would have parked and been woken by it, and the
    // wake orders only what follows (footprint.h: the two orders are one trace). So the
    // event's clock is the same in both orders, as a trace's happens-before must be.
    deferred_.push_back(slot);
    return;
  }
  has_row(p);
  join(row(p), slot_clocks_.row(slot));
}

void Dpor::timer_started(Process p, rt::TimerId id) {
  has_row(p);
  timer_starts_[id].assign(row(p), row(p) + width_);
  if (optimal_ && in_event_) handed_.push_back(Handed{Handed::kTimer, id});
}

void Dpor::timer_firing(rt::TimerId id) {
  auto it = timer_starts_.find(id);
  if (it == timer_starts_.end()) return;
  has_row(kTimerProcess);
  join(row(kTimerProcess), it->second.data());
  before_.resize(width_, 0);
  join(before_.data(), it->second.data());  // the start is no race of the firing: it comes first
}

}  // namespace weft::harness

#include "dpor.h"

#include <algorithm>
#include <stdexcept>

namespace weft::harness {

namespace {

constexpr int kEffects = static_cast<int>(Effect::exclusive) + 1;

// Whether a later event with effect `later` makes an earlier entry with effect `earlier`
// useless to keep: every event that depends on the earlier one also depends on the later one,
// which comes after it and depends on it, so it is ordered after both.
bool covers(Effect later, Effect earlier) {
  if (!dependent(later, earlier)) return false;
  for (int d = 0; d < kEffects; ++d) {
    const auto e = static_cast<Effect>(d);
    if (dependent(e, earlier) && !dependent(e, later)) return false;
  }
  return true;
}

}  // namespace

Dpor::Clock& Dpor::clock_of(Process p) {
  const std::size_t s = slot(p);
  if (s >= clocks_.size()) clocks_.resize(s + 1);
  return clocks_[s];
}

void Dpor::join(Clock& into, const Clock& from) {
  if (from.size() > into.size()) into.resize(from.size(), 0);
  for (std::size_t i = 0; i < from.size(); ++i) into[i] = std::max(into[i], from[i]);
}

void Dpor::join_event(Clock& into, std::size_t event) const {
  const Event& e = events_[event];
  if (e.width > into.size()) into.resize(e.width, 0);
  for (std::size_t i = 0; i < e.width; ++i) into[i] = std::max(into[i], clock_pool_[e.clock + i]);
}

std::uint32_t Dpor::component(std::size_t event, Process p) const {
  const Event& e = events_[event];
  const std::size_t s = slot(p);
  return s < e.width ? clock_pool_[e.clock + s] : 0;
}

bool Dpor::happens_before(std::size_t a, std::size_t b) const {
  return a == b || component(b, events_[a].process) >= events_[a].seq;
}

bool Dpor::known(std::size_t event, const Clock& clock) const {
  const Event& e = events_[event];
  const std::size_t s = slot(e.process);
  return s < clock.size() && clock[s] >= e.seq;
}

bool Dpor::asleep(const std::vector<Sleeper>& sleep, Process p) const {
  return std::any_of(sleep.begin(), sleep.end(), [p](const Sleeper& s) { return s.process == p; });
}

void Dpor::begin_execution() {
  pos_ = 0;
  cut_short_ = false;
  events_.clear();
  clock_pool_.clear();
  clocks_.clear();
  history_.clear();
  slots_.clear();
  timer_starts_.clear();
  sleep_now_.clear();
}

std::optional<std::size_t> Dpor::pick(std::span<const Candidate> candidates) {
  std::size_t k = 0;
  if (pos_ < nodes_.size()) {
    const Node& n = nodes_[pos_];
    const Process p = n.choice ? -2 : n.procs[n.taken];
    while (k < candidates.size() && candidates[k].process != p) ++k;
    if (n.choice || k == candidates.size()) {
      throw std::logic_error(
          "weft: the program did not repeat itself: the same schedule met different choices "
          "(does it read a clock, a random number or state left by an earlier run?)");
    }
  } else {
    Node n;
    n.procs.reserve(candidates.size());
    for (const Candidate& c : candidates) n.procs.push_back(c.process);
    n.sleep = sleep_now_;
    while (k < candidates.size() && asleep(n.sleep, candidates[k].process)) ++k;
    if (k == candidates.size()) {
      cut_short_ = true;
      return std::nullopt;
    }
    n.taken = k;
    if (reduce_) {
      n.backtrack.push_back(candidates[k].process);
    } else {
      n.backtrack = n.procs;
    }
    nodes_.push_back(std::move(n));
  }
  // The event starts: its clock is its process's, one event further, joined with every earlier
  // event it depends on (known before it runs: its pending operation).
  candidates_.assign(candidates.begin(), candidates.end());
  current_ = candidates[k].process;
  current_pending_ = *candidates[k].next;
  current_node_ = pos_++;
  Clock& c = clock_of(current_);
  before_ = c;
  if (c.size() <= slot(current_)) c.resize(slot(current_) + 1, 0);
  ++c[slot(current_)];
  for (const Touch& t : *candidates[k].next) {
    auto it = history_.find(t.object);
    if (it == history_.end()) continue;
    for (const Entry& e : it->second) {
      if (dependent(e.effect, t.effect)) join_event(c, e.event);
    }
  }
  return k;
}

std::size_t Dpor::choose(std::size_t n) {
  if (pos_ < nodes_.size()) {
    const Node& c = nodes_[pos_++];
    if (!c.choice || c.options != n) {
      throw std::logic_error(
          "weft: the program did not repeat itself: the same schedule met different choices");
    }
    return c.taken;
  }
  Node c;
  c.choice = true;
  c.options = n;
  nodes_.push_back(std::move(c));
  ++pos_;
  return 0;
}

void Dpor::event_done(const Footprint& touched) {
  Clock& c = clock_of(current_);
  for (const Touch& t : touched) {  // what the event touched beyond its pending operation
    auto it = history_.find(t.object);
    if (it == history_.end()) continue;
    for (const Entry& e : it->second) {
      if (dependent(e.effect, t.effect)) join_event(c, e.event);
    }
  }
  const std::size_t x = events_.size();
  events_.push_back(Event{current_, current_node_, c[slot(current_)], clock_pool_.size(), c.size()});
  clock_pool_.insert(clock_pool_.end(), c.begin(), c.end());

  // Races are looked for once per event: the replayed prefix's were looked for before.
  if (reduce_ && pos_ > fresh_from_) analyse_races(x, touched);
  remember(x, touched);

  Node& node = nodes_[current_node_];
  const Footprint* mine = &current_pending_;  // the task's own `next` has moved on by now
  bool wide = false;
  for (const Touch& t : touched) {
    if (wide) break;
    wide = std::none_of(mine->begin(), mine->end(), [&t](const Touch& m) {
      return m.object == t.object && m.effect == t.effect;
    });
  }
  if (reduce_) {
    std::vector<Sleeper> next;
    for (const auto* set : {&node.sleep, &node.done}) {
      for (const Sleeper& s : *set) {
        if (s.process == current_ || s.wide || asleep(next, s.process)) continue;
        const Footprint* theirs = pending(s.process);
        if (theirs != nullptr && theirs->independent_of(touched)) next.push_back(s);
      }
    }
    sleep_now_ = std::move(next);
  }
  add_done(node, current_, wide);
}

const Footprint* Dpor::pending(Process p) const {
  for (const Candidate& c : candidates_) {
    if (c.process == p) return c.next;
  }
  return nullptr;
}

void Dpor::add_done(Node& node, Process p, bool wide) {
  for (Sleeper& s : node.done) {
    if (s.process == p) {
      s.wide |= wide;  // another choice inside the same event
      return;
    }
  }
  node.done.push_back(Sleeper{p, wide});
}

void Dpor::analyse_races(std::size_t x, const Footprint& touched) {
  const Process p = events_[x].process;
  std::vector<std::size_t> races;
  if (touched.everything()) {
    // Too many objects to follow: every earlier event of another process may race with it.
    for (std::size_t e = 0; e < x; ++e) {
      if (events_[e].process != p && !known(e, before_)) races.push_back(e);
    }
  }
  for (const Touch& t : touched) {
    auto it = history_.find(t.object);
    if (it == history_.end()) continue;
    const std::vector<Entry>& list = it->second;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Entry& e = list[i];
      if (events_[e.event].process == p || !dependent(e.effect, t.effect)) continue;
      if (known(e.event, before_)) continue;
      // Immediate only: not ordered before x through a later dependent event.
      bool immediate = true;
      for (std::size_t j = 0; j < list.size() && immediate; ++j) {
        const Entry& f = list[j];
        if (f.event > e.event && dependent(f.effect, t.effect) && happens_before(e.event, f.event)) {
          immediate = false;
        }
      }
      if (immediate) races.push_back(e.event);
    }
  }
  std::sort(races.begin(), races.end());
  races.erase(std::unique(races.begin(), races.end()), races.end());
  for (std::size_t e : races) reverse(e, x);
}

void Dpor::reverse(std::size_t e, std::size_t x) {
  Node& node = nodes_[events_[e].node];
  // v = notdep(e).x: the events after e that do not happen after it, then x. Its initials are
  // the processes whose first event in v has no predecessor in v.
  std::vector<std::size_t> v;
  std::vector<Process> seen;
  std::vector<Process> initials;
  for (std::size_t y = e + 1; y <= x; ++y) {
    if (y < x && happens_before(e, y)) continue;
    const Process q = events_[y].process;
    if (std::find(seen.begin(), seen.end(), q) == seen.end()) {
      seen.push_back(q);
      bool initial = true;
      for (std::size_t z : v) {
        if (happens_before(z, y)) {
          initial = false;
          break;
        }
      }
      if (initial) initials.push_back(q);
    }
    v.push_back(y);
  }
  for (Process q : initials) {
    if (std::find(node.backtrack.begin(), node.backtrack.end(), q) != node.backtrack.end()) return;
  }
  // Add one initial the node can run, one awake if there is one.
  Process chosen = kTimerProcess - 1;
  for (Process q : initials) {
    if (std::find(node.procs.begin(), node.procs.end(), q) == node.procs.end()) continue;
    if (chosen == kTimerProcess - 1 || (asleep(node.sleep, chosen) && !asleep(node.sleep, q))) {
      chosen = q;
    }
  }
  if (chosen != kTimerProcess - 1) {
    node.backtrack.push_back(chosen);
    return;
  }
  ++imprecise_;
  for (Process q : node.procs) {
    if (std::find(node.backtrack.begin(), node.backtrack.end(), q) == node.backtrack.end()) {
      node.backtrack.push_back(q);
    }
  }
}

void Dpor::remember(std::size_t x, const Footprint& touched) {
  const Process p = events_[x].process;
  for (const Touch& t : touched) {
    std::vector<Entry>& list = history_[t.object];
    std::erase_if(list, [&](const Entry& e) {
      return covers(t.effect, e.effect) || (events_[e.event].process == p && e.effect == t.effect);
    });
    list.push_back(Entry{x, t.effect});
  }
}

bool Dpor::next_execution() {
  while (!nodes_.empty()) {
    Node& n = nodes_.back();
    const std::size_t index = nodes_.size() - 1;
    if (n.choice) {
      if (n.taken + 1 < n.options) {
        ++n.taken;
        fresh_from_ = index;
        return true;
      }
    } else {
      for (std::size_t k = 0; k < n.procs.size(); ++k) {
        const Process q = n.procs[k];
        const bool wanted =
            std::find(n.backtrack.begin(), n.backtrack.end(), q) != n.backtrack.end();
        const bool explored = std::any_of(n.done.begin(), n.done.end(),
                                          [q](const Sleeper& s) { return s.process == q; });
        if (wanted && !explored && !asleep(n.sleep, q)) {
          n.taken = k;
          fresh_from_ = index;
          return true;
        }
      }
    }
    nodes_.pop_back();
  }
  return false;
}

void Dpor::spawned(Process parent, Process child) {
  clock_of(child);  // grows clocks_ first: the parent's reference must stay valid
  clock_of(child) = clock_of(parent);
}

void Dpor::woke(Process waker, Process woken) {
  clock_of(woken);  // grows clocks_ first
  join(clock_of(woken), clock_of(waker));
}

void Dpor::released(Process p, const rt::SyncSlot& slot) { join(slots_[&slot], clock_of(p)); }

void Dpor::acquired(Process p, const rt::SyncSlot& slot) {
  auto it = slots_.find(&slot);
  if (it != slots_.end()) join(clock_of(p), it->second);
}

void Dpor::timer_started(Process p, rt::TimerId id) { timer_starts_[id] = clock_of(p); }

void Dpor::timer_firing(rt::TimerId id) {
  auto it = timer_starts_.find(id);
  if (it == timer_starts_.end()) return;
  join(clock_of(kTimerProcess), it->second);
  join(before_, it->second);  // the start is no race of the firing: it comes first
}

}  // namespace weft::harness

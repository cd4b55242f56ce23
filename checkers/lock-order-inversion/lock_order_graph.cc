// The lock-order graph of a whole codebase, from every TU's summary (lock_order.h): for each
// function, the locks it takes and the orders it takes them in, through its calls with the
// caller's arguments put in for the callee's parameters; then the cycles among the orders.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "lock_order.h"

namespace weft::vet::lock_order {

namespace {

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

}  // namespace

std::string Term::key() const {
  return std::to_string(static_cast<int>(root)) + ":" + std::to_string(param) + ":" + variable +
         "|" + join(members, ",") + (indirect ? "*" : "");
}

std::string Term::declaration() const {
  if (!members.empty()) return members.back();
  return root == Root::variable ? variable : "";
}

std::string Term::instance() const {
  if (root != Root::variable || !object_root || indirect) return "";
  return variable + "." + join(members, ".");
}

std::string Term::declaration_name() const {
  if (members.empty()) return variable_name;
  std::string name = members.back().substr(0, members.back().find('@'));  // "@<where>": TU-local
  for (const std::string anonymous = "(anonymous namespace)::";
       name.find(anonymous) != std::string::npos;) {
    name.erase(name.find(anonymous), anonymous.size());
  }
  return name;
}

std::string Term::instance_name() const {
  std::string out = variable_name;
  for (const std::string& m : member_names) out += "." + m;
  return out;
}

namespace {

constexpr std::size_t kMaxPerFunction = 256;  // locks reached, and orders, per function
constexpr std::size_t kMaxMembers = 8;        // members on the way to a lock

bool place_less(const Place& a, const Place& b) {
  return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
}

// A lock a function takes, itself or through its calls.
struct Reach {
  Term lock;
  std::vector<Note> steps;  // from the function's entry to the lock call
  Place site;               // the lock call
  bool suppressed = false;
};

// One order: `to` taken while `from` is held.
struct Order {
  Term from, to;
  std::vector<Note> steps;
  Place site;  // where the function that holds `from` locks `to`, or calls what locks it
  bool suppressed = false;
};

struct Closure {
  std::vector<Reach> reaches;
  std::vector<Order> orders;
};

// The callee's term in the caller's terms.
std::optional<Term> substitute(const Term& t, const Call& call) {
  const Term* base = nullptr;
  if (t.root == Term::Root::this_object) {
    if (!call.has_object) {
      Term unknown = t;
      unknown.root = Term::Root::unknown;
      return unknown;
    }
    base = &call.object;
  } else if (t.root == Term::Root::param) {
    if (t.param >= call.args.size()) {
      Term unknown = t;
      unknown.root = Term::Root::unknown;
      return unknown;
    }
    base = &call.args[t.param];
  } else {
    return t;
  }
  Term out = *base;
  out.spelling.clear();
  out.members.insert(out.members.end(), t.members.begin(), t.members.end());
  out.member_names.insert(out.member_names.end(), t.member_names.begin(), t.member_names.end());
  out.indirect = base->indirect || t.indirect || (base->last_member_pointer && !t.members.empty());
  out.last_member_pointer = t.members.empty() ? base->last_member_pointer : t.last_member_pointer;
  if (out.members.size() > kMaxMembers) return std::nullopt;
  return out;
}

std::string spelled(const Term& t) {
  if (!t.spelling.empty()) return t.spelling;
  return t.root == Term::Root::variable ? t.instance_name() : t.declaration_name();
}

class Graph {
 public:
  explicit Graph(std::span<const std::unique_ptr<TuSummary>> summaries) {
    for (const auto& s : summaries) {
      for (const Function& f : static_cast<const Summary&>(*s).functions) {
        if (functions_.emplace(f.usr, &f).second) {  // a function in a header: the first TU's copy
          for (const std::string& base : f.overrides) overriders_[base].push_back(f.usr);
        }
      }
    }
  }

  std::vector<Finding> cycles() {
    build();
    std::vector<Finding> out;
    std::set<std::pair<std::string, std::string>> reported;
    for (const auto& [nodes, edge] : edges_) {
      const auto& [a, b] = nodes;
      auto back = edges_.find({b, a});
      if (a < b && back != edges_.end()) {
        reported.insert({a, b});
        report({&edge, &back->second}, out);
      }
    }
    for (const std::vector<std::string>& scc : components()) {
      if (scc.size() < 3) continue;
      bool has_pair = false;
      for (const auto& [a, b] : reported) {
        has_pair |= std::count(scc.begin(), scc.end(), a) != 0 && std::count(scc.begin(), scc.end(), b) != 0;
      }
      if (!has_pair) report(shortest_cycle(scc), out);
    }
    return out;
  }

 private:
  struct Edge {
    std::string from_name, to_name;
    Order witness;
  };

  const Closure& closure(const Function& f) {
    if (auto it = closures_.find(f.usr); it != closures_.end()) return it->second;
    in_progress_.insert(f.usr);
    Closure c;
    std::set<std::string> reach_keys, order_keys;
    auto add_reach = [&](Reach r) {
      if (c.reaches.size() < kMaxPerFunction && reach_keys.insert(r.lock.key()).second) {
        c.reaches.push_back(std::move(r));
      }
    };
    auto add_order = [&](Order o) {
      if (o.from.key() == o.to.key()) return;  // the same lock again: double-lock's business
      if (c.orders.size() < kMaxPerFunction &&
          order_keys.insert(o.from.key() + ">" + o.to.key()).second) {
        c.orders.push_back(std::move(o));
      }
    };
    for (const Acquisition& a : f.acquisitions) {
      add_reach({a.lock, {{a.at, "locks '" + spelled(a.lock) + "'"}}, a.at, a.suppressed});
      for (const Held& h : a.held) {
        add_order({h.lock, a.lock,
                   {{h.at, "locks '" + spelled(h.lock) + "'"},
                    {a.at, "locks '" + spelled(a.lock) + "' while holding '" + spelled(h.lock) + "'"}},
                   a.at, a.suppressed});
      }
    }
    for (const Call& call : f.calls) {
      std::vector<std::string> targets{call.callee};
      if (call.dispatched) {
        auto o = overriders_.find(call.callee);
        if (o != overriders_.end()) targets.insert(targets.end(), o->second.begin(), o->second.end());
      }
      for (const std::string& target : targets) follow(call, target, add_reach, add_order);
    }
    in_progress_.erase(f.usr);
    return closures_.emplace(f.usr, std::move(c)).first->second;
  }

  // What a call to `target` adds to the caller's closure.
  template <class AddReach, class AddOrder>
  void follow(const Call& call, const std::string& target, AddReach& add_reach, AddOrder& add_order) {
    auto callee = functions_.find(target);
    if (callee == functions_.end() || in_progress_.count(target) != 0) return;
    const Closure& sub = closure(*callee->second);
    const Note via{call.at, "calls '" + call.callee_name + "'"};
    for (const Reach& r : sub.reaches) {
      auto t = substitute(r.lock, call);
      if (!t) continue;
      std::vector<Note> steps{via};
      steps.insert(steps.end(), r.steps.begin(), r.steps.end());
      for (const Held& h : call.held) {
        std::vector<Note> held_steps{
            {h.at, "locks '" + spelled(h.lock) + "'"},
            {call.at, "calls '" + call.callee_name + "' while holding '" + spelled(h.lock) + "'"}};
        held_steps.insert(held_steps.end(), r.steps.begin(), r.steps.end());
        add_order({h.lock, *t, std::move(held_steps), call.at, call.suppressed || r.suppressed});
      }
      add_reach({*t, std::move(steps), r.site, r.suppressed});
    }
    for (const Order& o : sub.orders) {
      auto from = substitute(o.from, call);
      auto to = substitute(o.to, call);
      if (!from || !to) continue;
      std::vector<Note> steps{via};
      steps.insert(steps.end(), o.steps.begin(), o.steps.end());
      add_order({*from, *to, std::move(steps), o.site, o.suppressed});
    }
  }

  // Every function's orders, as edges between lock names (declarations, or instances of one
  // declaration), each with its shortest witness.
  void build() {
    for (const auto& [usr, f] : functions_) {
      for (const Order& o : closure(*f).orders) {
        std::string a = o.from.declaration(), b = o.to.declaration();
        std::string a_name = o.from.declaration_name(), b_name = o.to.declaration_name();
        if (a.empty() || b.empty()) continue;
        if (a == b) {
          a = o.from.instance(), b = o.to.instance();
          if (a.empty() || b.empty() || a == b) continue;
          a_name = o.from.instance_name(), b_name = o.to.instance_name();
        }
        auto [it, fresh] = edges_.try_emplace({a, b}, Edge{a_name, b_name, o});
        const Order& w = it->second.witness;
        if (!fresh && (o.steps.size() < w.steps.size() ||
                       (o.steps.size() == w.steps.size() && place_less(o.site, w.site)))) {
          it->second = Edge{a_name, b_name, o};
        }
      }
    }
  }

  // Strongly connected components (Tarjan's algorithm), each sorted.
  std::vector<std::vector<std::string>> components() const {
    std::map<std::string, std::vector<std::string>> next;
    for (const auto& [nodes, edge] : edges_) next[nodes.first].push_back(nodes.second);
    std::map<std::string, int> index, low;
    std::set<std::string> on_stack;
    std::vector<std::string> stack;
    std::vector<std::vector<std::string>> out;
    int counter = 0;
    std::function<void(const std::string&)> visit = [&](const std::string& v) {
      index[v] = low[v] = counter++;
      stack.push_back(v);
      on_stack.insert(v);
      for (const std::string& w : next[v]) {
        if (index.count(w) == 0) {
          visit(w);
          low[v] = std::min(low[v], low[w]);
        } else if (on_stack.count(w) != 0) {
          low[v] = std::min(low[v], index[w]);
        }
      }
      if (low[v] != index[v]) return;
      std::vector<std::string> scc;
      std::string w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack.erase(w);
        scc.push_back(w);
      } while (w != v);
      std::sort(scc.begin(), scc.end());
      out.push_back(std::move(scc));
    };
    for (const auto& [v, targets] : next) {
      if (index.count(v) == 0) visit(v);
    }
    return out;
  }

  // The shortest cycle through the component's first node, as its edges.
  std::vector<const Edge*> shortest_cycle(const std::vector<std::string>& scc) const {
    const std::set<std::string> inside(scc.begin(), scc.end());
    const std::string& start = scc.front();
    std::map<std::string, std::string> parent;
    std::vector<std::string> frontier{start};
    std::string last;
    while (!frontier.empty() && last.empty()) {
      std::vector<std::string> following;
      for (const std::string& v : frontier) {
        for (auto it = edges_.lower_bound({v, ""}); it != edges_.end() && it->first.first == v; ++it) {
          const std::string& w = it->first.second;
          if (inside.count(w) == 0) continue;
          if (w == start) {
            last = v;
            break;
          }
          if (parent.try_emplace(w, v).second) following.push_back(w);
        }
        if (!last.empty()) break;
      }
      frontier = std::move(following);
    }
    std::vector<const Edge*> cycle;
    if (last.empty()) return cycle;
    cycle.push_back(&edges_.at({last, start}));
    for (std::string v = last; v != start; v = parent.at(v)) cycle.push_back(&edges_.at({parent.at(v), v}));
    std::reverse(cycle.begin(), cycle.end());
    return cycle;
  }

  static void report(const std::vector<const Edge*>& cycle, std::vector<Finding>& out) {
    if (cycle.empty()) return;
    const Edge* here = cycle.front();
    for (const Edge* e : cycle) {
      if (e->witness.suppressed) return;  // NOLINT on any lock of the cycle silences it
      if (place_less(here->witness.site, e->witness.site)) here = e;
    }
    Finding f;
    f.check = "weft-lock-order-inversion";
    f.place = here->witness.site;
    if (cycle.size() == 2) {
      const Edge* other = cycle[0] == here ? cycle[1] : cycle[0];
      f.message = "'" + here->to_name + "' is taken here while '" + here->from_name +
                  "' is held, and elsewhere '" + other->to_name + "' while '" + other->from_name +
                  "' is held; two tasks taking them in these orders can each hold one and wait "
                  "for the other for ever (a deadlock) — take them in one order everywhere, or "
                  "together with std::scoped_lock";
    } else {
      std::string chain;
      for (const Edge* e : cycle) chain += "'" + e->from_name + "' before '" + e->to_name + "', ";
      f.message = "locks are taken in a cycle (" + chain.substr(0, chain.size() - 2) +
                  "); tasks taking them in these orders can each hold one and wait for the next "
                  "for ever (a deadlock) — take them in one order everywhere";
    }
    for (const Edge* e : cycle) {
      const std::string order = "'" + e->from_name + "' then '" + e->to_name + "': ";
      std::vector<Note> flow;
      for (const Note& n : e->witness.steps) {
        f.notes.push_back({n.place, order + n.message});
        flow.push_back(n);
      }
      f.flows.push_back(std::move(flow));
    }
    out.push_back(std::move(f));
  }

  std::map<std::string, const Function*> functions_;
  std::map<std::string, std::vector<std::string>> overriders_;  // virtual method -> overrides
  std::map<std::string, Closure> closures_;
  std::set<std::string> in_progress_;
  std::map<std::pair<std::string, std::string>, Edge> edges_;
};

}  // namespace

std::vector<Finding> find_cycles(std::span<const std::unique_ptr<TuSummary>> summaries) {
  return Graph(summaries).cycles();
}

}  // namespace weft::vet::lock_order

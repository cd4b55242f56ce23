// lock-order-inversion's summaries: what each function of a translation unit locks, what it
// holds while it does, and whom it calls holding what — in terms that mean the same thing in
// every TU (no clang nodes), so that weft-vet can merge the summaries of a whole codebase and
// look for cycles in the order locks are taken (lock_order_graph.cc).
//
// A lock, or an object that holds locks, is a Term: a root (the function's `this`, one of its
// parameters, or a variable) and the members on the way from it. A call substitutes the
// caller's arguments for the callee's parameters, so `transfer(a, b)` turns the callee's
// `from.mu` into the caller's `a.mu`.
//
// Locks have two names in the graph:
//   - the declaration: a member `mu` of class `Account` is `Account::mu` whatever object holds
//     it; a variable of mutex type is itself (a global by its qualified name);
//   - the instance: a lock reached from a variable of object type (not a pointer or a
//     reference) through members that are not pointers, like `a.mu` for a local `Account a`.
// Two locks of different declarations are ordered by declaration (one order for every object of
// the class, as a lock hierarchy wants); two locks of the same declaration only by instance,
// since objects of one class are legitimately locked in a data-dependent but consistent order.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "weft_vet/check.h"
#include "weft_vet/finding.h"

namespace weft::vet::lock_order {

struct Term {
  enum class Root : unsigned char { this_object, param, variable, unknown };
  Root root = Root::unknown;
  unsigned param = 0;          // Root::param: its index
  std::string variable;        // Root::variable: program-wide id ("g:ns::mu", "l:<file>:<line>:<col>")
  std::string variable_name;   // for people: "a", "ns::mu"
  bool object_root = false;    // the variable is an object, not a pointer or a reference
  std::vector<std::string> members;       // qualified: "Account::mu"
  std::vector<std::string> member_names;  // for people: "mu"
  bool indirect = false;             // a pointer, smart pointer or reference on the way
  bool last_member_pointer = false;  // the last member is a pointer or reference
  std::string spelling;  // as the function that locks it wrote it: "from.mu", "C::mu_"

  std::string key() const;          // identity of the term itself (root and path)
  std::string declaration() const;  // "" when there is none (a bare parameter or `this`)
  std::string instance() const;     // "" unless one fixed object
  std::string declaration_name() const;
  std::string instance_name() const;
};

// A lock this function holds, and where it took it.
struct Held {
  Term lock;
  Place at;
};

struct Acquisition {
  Term lock;
  Place at;
  bool suppressed = false;  // NOLINT(weft-lock-order-inversion) on its line
  std::vector<Held> held;   // held on every path reaching it
};

struct Call {
  std::string callee;       // the callee's USR
  std::string callee_name;  // for people
  Place at;
  bool has_object = false;  // a method call's object, substituted for the callee's `this`
  Term object;
  std::vector<Term> args;   // by parameter; Root::unknown where the argument has no name
  std::vector<Held> held;   // held on every path reaching the call
  bool suppressed = false;  // NOLINT(weft-lock-order-inversion) on its line
  bool dispatched = false;  // a virtual call: any override of the callee may run
};

struct Function {
  std::string usr;
  std::vector<std::string> overrides;  // the virtual methods it overrides, at any depth
  std::vector<Acquisition> acquisitions;
  std::vector<Call> calls;
};

struct Summary : TuSummary {
  std::vector<Function> functions;
  llvm::json::Value to_json() const override;  // lock_order_store.cc
};
// A summary to_json wrote; null (and *error says why) when the JSON does not fit.
std::unique_ptr<Summary> summary_from_json(const llvm::json::Value& json, std::string* error);

// The cycles in the lock order over every TU's summary, each once.
std::vector<Finding> find_cycles(std::span<const std::unique_ptr<TuSummary>> summaries);

}  // namespace weft::vet::lock_order

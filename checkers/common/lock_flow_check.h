// LockFlowCheck: the base of the checks that read lock_flow(): each function's and lambda's lock
// events go to on_flow.
#pragma once

#include "function_check.h"
#include "lock_flow.h"

namespace weft::vet {

class LockFlowCheck : public FunctionCheck {
 public:
  using FunctionCheck::FunctionCheck;

 protected:
  void on_function(const clang::ast_matchers::MatchFinder::MatchResult& r,
                   const clang::FunctionDecl& function) final {
    on_flow(r, function, lock_flow(*r.Context, function));
  }
  virtual void on_flow(const clang::ast_matchers::MatchFinder::MatchResult& r,
                       const clang::FunctionDecl& function, const LockFlow& flow) = 0;

  // "locked here" notes: where this path's function acquires the lock by hand or by guard.
  static std::vector<std::pair<clang::SourceLocation, std::string>> acquired_at(
      const LockFlow& flow, const LockKey& key) {
    std::vector<std::pair<clang::SourceLocation, std::string>> notes;
    for (const LockEvent& e : flow.events) {
      if (e.kind == LockEvent::Kind::acquire && e.key == key && e.callee_acquire.isInvalid()) {
        notes.emplace_back(e.at, "'" + key.name + "' is locked here");
        break;
      }
    }
    return notes;
  }
};

}  // namespace weft::vet

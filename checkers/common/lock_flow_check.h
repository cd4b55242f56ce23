// LockFlowCheck: the base of the checks that read lock_flow(): it matches every function and
// lambda with a body and hands each one's lock events to on_flow.
#pragma once

#include "analyzer/src/check.h"
#include "lock_flow.h"

namespace weft::vet {

class LockFlowCheck : public Check {
 public:
  using Check::Check;
  void register_matchers(clang::ast_matchers::MatchFinder& finder) final {
    using namespace clang::ast_matchers;
    finder.addMatcher(functionDecl(isDefinition(), hasBody(compoundStmt())).bind("function"), this);
    finder.addMatcher(lambdaExpr().bind("lambda"), this);
  }
  void run(const clang::ast_matchers::MatchFinder::MatchResult& r) final {
    const clang::FunctionDecl* f = r.Nodes.getNodeAs<clang::FunctionDecl>("function");
    if (const auto* lambda = r.Nodes.getNodeAs<clang::LambdaExpr>("lambda")) {
      f = lambda->getCallOperator();
    }
    if (f == nullptr || !f->hasBody() || !seen_.insert(f).second) return;
    on_flow(r, *f, lock_flow(*r.Context, *f));
  }

 protected:
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

 private:
  std::set<const clang::FunctionDecl*> seen_;
};

}  // namespace weft::vet

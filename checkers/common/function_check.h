// FunctionCheck: the base of checks that look at whole function bodies (the flow checks): it
// matches every function and lambda with a body and hands each to on_function once.
#pragma once

#include <set>

#include "weft_vet/check.h"

namespace weft::vet {

class FunctionCheck : public Check {
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
    on_function(r, *f);
  }

 protected:
  virtual void on_function(const clang::ast_matchers::MatchFinder::MatchResult& r,
                           const clang::FunctionDecl& function) = 0;

 private:
  std::set<const clang::FunctionDecl*> seen_;
};

}  // namespace weft::vet

// weft-async-discarded: the future of std::async thrown away, so its destructor waits at once.
#include "weft_vet/check.h"
#include "checkers/common/concurrency_ast.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

class AsyncDiscarded : public Check {
 public:
  using Check::Check;
  void register_matchers(MatchFinder& finder) override {
    finder.addMatcher(callExpr(callee(functionDecl(hasName("::std::async")))).bind("call"), this);
  }
  void run(const MatchFinder::MatchResult& r) override {
    const auto* call = r.Nodes.getNodeAs<CallExpr>("call");
    // std::launch::deferred runs nothing until get(): discarding it is a different mistake.
    if (call->getNumArgs() > 0) {
      const Expr* first = call->getArg(0)->IgnoreParenImpCasts();
      if (const auto* d = dyn_cast<DeclRefExpr>(first); d && d->getDecl()->getName() == "deferred") return;
    }
    const Stmt* s = call;
    for (;;) {
      DynTypedNodeList parents = r.Context->getParents(*s);
      if (parents.empty()) return;
      if (const auto* e = parents[0].get<Expr>()) {
        if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ImplicitCastExpr,
                ParenExpr>(e)) {
          s = e;
          continue;
        }
        if (const auto* cast = dyn_cast<ExplicitCastExpr>(e); cast && cast->getType()->isVoidType()) {
          break;  // (void)std::async(...) still destroys the future here
        }
        return;  // used: assigned, returned, passed on
      }
      const auto* stmt = parents[0].get<Stmt>();
      if (stmt == nullptr || isa<ReturnStmt, CoreturnStmt>(stmt)) return;  // initialises, returns
      break;  // a statement of its own
    }
    report(*r.SourceManager, call->getBeginLoc(),
                     "the future returned by std::async is discarded; its destructor waits "
                     "for the task right here, so nothing runs concurrently (keep the future "
                     "and call get() when the result is needed)");
  }
};

}  // namespace
std::unique_ptr<Check> make_async_discarded(TuContext& tu) { return std::make_unique<AsyncDiscarded>(tu); }
}  // namespace weft::vet

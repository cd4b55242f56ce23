// weft-waitgroup-add-in-task: WaitGroup::add called inside the task it counts.
#include "weft_vet/check.h"
#include "checkers/common/concurrency_ast.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

class WaitGroupAddInTask : public Check {
 public:
  using Check::Check;
  void register_matchers(MatchFinder& finder) override {
    finder.addMatcher(cxxMemberCallExpr(callee(cxxMethodDecl(hasName("add"),
                                                             ofClass(hasName("::weft::WaitGroup")))))
                          .bind("add"),
                      this);
  }
  void run(const MatchFinder::MatchResult& r) override {
    const auto* add = r.Nodes.getNodeAs<CXXMemberCallExpr>("add");
    const LambdaExpr* lambda = enclosing_lambda(*r.Context, add);
    if (lambda == nullptr) return;
    const Expr* start = consumer_of(*r.Context, lambda);
    const TaskStart kind = task_start_kind(start);
    if (kind == TaskStart::none || kind == TaskStart::std_async) return;
    // The WaitGroup must come from outside the task (a captured or shared one).
    const Expr* object = add->getImplicitObjectArgument()->IgnoreParenImpCasts();
    if (const auto* d = dyn_cast<DeclRefExpr>(object)) {
      const SourceManager& sm = *r.SourceManager;
      const SourceRange body = lambda->getBody()->getSourceRange();
      const SourceLocation decl = d->getDecl()->getLocation();
      if (!sm.isBeforeInTranslationUnit(decl, body.getBegin()) &&
          sm.isBeforeInTranslationUnit(decl, body.getEnd())) {
        return;  // a WaitGroup of the task's own
      }
    }
    report(*r.SourceManager, add->getExprLoc(),
                     "WaitGroup::add is called inside the task it counts; wait() can run "
                     "before this add and return while the task still works (call add before "
                     "starting the task)",
                     {{start->getBeginLoc(), std::string("the task is started here with ") + to_string(kind)}});
  }
};

}  // namespace
std::unique_ptr<Check> make_waitgroup_add_in_task(TuContext& tu) {
  return std::make_unique<WaitGroupAddInTask>(tu);
}
}  // namespace weft::vet

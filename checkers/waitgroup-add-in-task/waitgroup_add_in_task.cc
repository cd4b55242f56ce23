// weft-waitgroup-add-in-task: WaitGroup::add called inside the task it counts.
#include "weft_vet/check.h"
#include "checkers/common/concurrency_ast.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

// The variable (or member) a WaitGroup expression names: `wg`, `wg_`, `*p`, `p->` -> its decl.
const ValueDecl* group_named(const Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (const auto* op = dyn_cast<CXXOperatorCallExpr>(e)) {  // a smart pointer's -> or *
    if (op->getNumArgs() >= 1) return group_named(op->getArg(0));
  }
  if (const auto* u = dyn_cast<UnaryOperator>(e)) return group_named(u->getSubExpr());
  if (const auto* d = dyn_cast<DeclRefExpr>(e)) return d->getDecl();
  if (const auto* m = dyn_cast<MemberExpr>(e)) return m->getMemberDecl();
  return nullptr;
}

// Whether `body` starts a task after `after` whose own code calls done() on `group`: then an
// add before it is Go's pattern (add, then go), made inside a task for the task it starts.
bool adds_for_a_task_started_after(ASTContext& ctx, const Stmt& body, SourceLocation after,
                                   const ValueDecl* group) {
  const SourceManager& sm = ctx.getSourceManager();
  for (const BoundNodes& found : match(findAll(lambdaExpr().bind("child")), body, ctx)) {
    const auto* child = found.getNodeAs<LambdaExpr>("child");
    if (!sm.isBeforeInTranslationUnit(after, child->getBeginLoc())) continue;
    const TaskStart kind = task_start_kind(consumer_of(ctx, child));
    if (kind == TaskStart::none || kind == TaskStart::std_async) continue;
    const auto done = cxxMemberCallExpr(
        callee(cxxMethodDecl(hasName("done"), ofClass(hasName("::weft::WaitGroup")))));
    for (const BoundNodes& call :
         match(findAll(done.bind("done")), *child->getBody(), ctx)) {
      const auto* d = call.getNodeAs<CXXMemberCallExpr>("done");
      if (group_named(d->getImplicitObjectArgument()) == group) return true;
    }
  }
  return false;
}

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
    const ValueDecl* group = group_named(object);
    if (group != nullptr &&
        adds_for_a_task_started_after(*r.Context, *lambda->getBody(), add->getEndLoc(), group)) {
      return;
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

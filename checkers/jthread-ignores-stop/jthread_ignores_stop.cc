// weft-jthread-ignores-stop: a std::jthread whose callable loops for ever without looking at
// its std::stop_token, so the jthread's destructor (request_stop, then join) hangs.
#include "checkers/common/task_start_check.h"
#include "checkers/common/forever_loops.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

class JthreadIgnoresStop : public TaskStartCheck {
 public:
  using TaskStartCheck::TaskStartCheck;

 protected:
  void on_task_start(const MatchFinder::MatchResult& r, const Expr* start, TaskStart kind,
                     const std::vector<const Expr*>& args) override {
    if (kind != TaskStart::std_jthread) return;
    const Stmt* body = callable_body(args[0]);
    const ParmVarDecl* token = stop_token_param(args[0]);
    for (const Stmt* loop : endless_loops(body)) {
      if (token != nullptr && mentions(loop, token, *r.Context)) continue;
      report(*r.SourceManager, start->getBeginLoc(),
          std::string("this std::jthread's callable loops for ever and ") +
              (token ? "never checks its std::stop_token" : "takes no std::stop_token") +
              "; the jthread's destructor asks it to stop and then waits for ever (take a "
              "std::stop_token first parameter and leave the loop when stop_requested())",
          {{loop->getBeginLoc(), "the loop that never looks at the stop token"}});
      return;
    }
  }

 private:
  static const ParmVarDecl* stop_token_param(const Expr* callable) {
    const Expr* e = strip(callable);
    const FunctionDecl* f = nullptr;
    if (const auto* l = dyn_cast_or_null<LambdaExpr>(e)) f = l->getCallOperator();
    if (const auto* d = dyn_cast_or_null<DeclRefExpr>(e)) f = dyn_cast<FunctionDecl>(d->getDecl());
    if (f == nullptr || f->getNumParams() == 0) return nullptr;
    const ParmVarDecl* p = f->getParamDecl(0);
    return record_name(p->getType()) == "std::stop_token" ? p : nullptr;
  }
  static bool mentions(const Stmt* s, const ParmVarDecl* p, ASTContext& ctx) {
    return !match(findAll(declRefExpr(to(parmVarDecl(equalsNode(p))))), *s, ctx).empty();
  }
};

}  // namespace
std::unique_ptr<Check> make_jthread_ignores_stop(TuContext& tu) {
  return std::make_unique<JthreadIgnoresStop>(tu);
}
}  // namespace weft::vet

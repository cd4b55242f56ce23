// weft-loop-var-ref-capture: a task started in a loop captures a per-iteration variable by
// reference (the book's salutation loop bug).
#include <clang/AST/ParentMapContext.h>

#include "checkers/common/task_start_check.h"
#include "checkers/common/loops.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

class LoopVarRefCapture : public TaskStartCheck {
 public:
  using TaskStartCheck::TaskStartCheck;

 protected:
  void on_task_start(const MatchFinder::MatchResult& r, const Expr* start, TaskStart kind,
                     const std::vector<const Expr*>& args) override {
    const LambdaExpr* lambda = as_lambda(args[0]);
    for (const LambdaCapture* c : locals_captured_by_ref(lambda)) {
      const auto* var = dyn_cast<VarDecl>(c->getCapturedVar());
      if (var == nullptr) continue;
      const Stmt* loop = loop_declaring(*r.Context, start, var);
      if (loop == nullptr || ends_within_iteration(r, start, kind, loop)) continue;
      reporter_.report(
          "weft-loop-var-ref-capture", *r.SourceManager, start->getBeginLoc(),
          "the task captures '" + var->getNameAsString() +
              "' by reference, but it is a per-iteration variable of the enclosing loop; "
              "the task may run after the iteration ends and read a later value or a dead "
              "object (capture it by value: [" + var->getNameAsString() + "])",
          {{c->isImplicit() ? lambda->getCaptureDefaultLoc() : c->getLocation(),
            "captured by reference here"},
           {var->getLocation(), "declared inside the loop here"}});
    }
  }

 private:
  // A weft::go task the iteration waits for (a WaitGroup, a receive) ends with it; so does
  // a std::jthread or a std::async future held in a variable of the iteration ends (joins)
  // with the iteration; a std::thread variable joined in the loop body does too.
  static bool ends_within_iteration(const MatchFinder::MatchResult& r, const Expr* start,
                                    TaskStart kind, const Stmt* loop) {
    if (kind == TaskStart::weft_go) return waits_after(*r.Context, loop, start);
    if (kind == TaskStart::thread_container) return false;
    const VarDecl* holder = nullptr;
    const Stmt* s = start;
    for (DynTypedNodeList p = r.Context->getParents(*s); !p.empty(); p = r.Context->getParents(p[0])) {
      if (const auto* v = p[0].get<VarDecl>()) {
        holder = v;
        break;
      }
      if (p[0].get<Expr>() == nullptr) break;
    }
    if (holder == nullptr) return false;  // a temporary: a discarded future is async-discarded's
    if (loop_declaring(*r.Context, start, holder) != loop) return false;
    if (kind == TaskStart::std_jthread || kind == TaskStart::std_async) return true;
    auto joined = cxxMemberCallExpr(callee(cxxMethodDecl(hasName("join"))),
                                    on(declRefExpr(to(varDecl(equalsNode(holder))))));
    return !match(findAll(joined), *loop, *r.Context).empty();
  }
};

}  // namespace
std::unique_ptr<Check> make_loop_var_ref_capture(Reporter& r) {
  return std::make_unique<LoopVarRefCapture>(r);
}
}  // namespace weft::vet

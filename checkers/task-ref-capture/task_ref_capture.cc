// weft-task-ref-capture: a weft::go task borrows locals by reference, and the function can
// return before the task is done with them.
#include <clang/AST/ParentMapContext.h>

#include "weft_vet/check.h"
#include "checkers/common/concurrency_ast.h"
#include "checkers/common/loops.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

class TaskRefCapture : public Check {
 public:
  using Check::Check;
  void register_matchers(MatchFinder& finder) override {
    finder.addMatcher(
        cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(hasName("::weft::go")))),
                         forCallable(functionDecl().bind("fn")))
            .bind("start"),
        this);
  }
  void run(const MatchFinder::MatchResult& r) override {
    const auto* start = r.Nodes.getNodeAs<Expr>("start");
    const auto* fn = r.Nodes.getNodeAs<FunctionDecl>("fn");
    if (task_start_kind(start) != TaskStart::weft_go || !fn->hasBody()) return;
    const auto args = task_arguments(start);
    if (args.empty()) return;
    const LambdaExpr* lambda = as_lambda(args[0]);
    std::vector<std::pair<SourceLocation, std::string>> notes;
    std::string names;
    for (const LambdaCapture* c : locals_captured_by_ref(lambda)) {
      const auto* var = dyn_cast<VarDecl>(c->getCapturedVar());
      if (var == nullptr || loop_declaring(*r.Context, start, var) != nullptr) continue;  // the loop check's
      names += (names.empty() ? "'" : ", '") + var->getNameAsString() + "'";
      notes.emplace_back(var->getLocation(), "'" + var->getNameAsString() + "' is declared here");
    }
    if (notes.empty() || waits_after(*r.Context, fn->getBody(), start)) return;
    report(*r.SourceManager, start->getBeginLoc(),
                     "the task borrows local " + names +
                         " by reference, but nothing in this function waits for the task "
                         "(WaitGroup::wait, a receive, a select); the function can return "
                         "while the task still uses them (capture by value or share "
                         "ownership, or wait before returning)",
                     std::move(notes));
  }

};

}  // namespace
std::unique_ptr<Check> make_task_ref_capture(TuContext& tu) { return std::make_unique<TaskRefCapture>(tu); }
}  // namespace weft::vet

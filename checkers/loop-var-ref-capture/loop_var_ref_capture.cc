// weft-loop-var-ref-capture: a task started in a loop captures a per-iteration variable by
// reference (the book's salutation loop bug).
#include <clang/AST/ParentMapContext.h>
#include <clang/Analysis/Analyses/ExprMutationAnalyzer.h>

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
           {var->getLocation(), "declared inside the loop here"}},
          copy_capture_fix(r, lambda, *c, var));
    }
  }

 private:
  // The fix: capture the variable by copy — `&i` becomes `i`, and `[&]` becomes `[&, i]`. Safe
  // only when the copy behaves as the reference did apart from its lifetime: the variable is
  // not a reference, its type can be copied, and the task never changes it or takes its
  // address (then each task reads the value of its own iteration, which is what was meant).
  static std::vector<FixItHint> copy_capture_fix(const MatchFinder::MatchResult& r,
                                                 const LambdaExpr* lambda, const LambdaCapture& c,
                                                 const VarDecl* var) {
    const QualType type = var->getType();
    if (type->isReferenceType() || var->isInitCapture() || !copyable(type, *r.Context)) return {};
    if (ExprMutationAnalyzer(*lambda->getBody(), *r.Context).isMutated(var)) return {};
    const SourceManager& sm = *r.SourceManager;
    if (c.isImplicit()) {
      const SourceLocation close = lambda->getIntroducerRange().getEnd();  // the ']'
      if (close.isMacroID()) return {};
      return {FixItHint::CreateInsertion(close, ", " + var->getNameAsString())};
    }
    // An explicit `&name`: the '&' is the last character before the name but for blanks.
    const SourceLocation name = c.getLocation();
    if (name.isMacroID()) return {};
    const char* at = sm.getCharacterData(name);
    const char* start = sm.getCharacterData(lambda->getIntroducerRange().getBegin());
    int back = 1;
    while (at - back > start && (at[-back] == ' ' || at[-back] == '\t')) ++back;
    if (at - back <= start || at[-back] != '&') return {};
    const SourceLocation amp = name.getLocWithOffset(-back);
    return {FixItHint::CreateRemoval(CharSourceRange::getCharRange(amp, amp.getLocWithOffset(1)))};
  }

  static bool copyable(QualType type, const ASTContext& context) {
    if (type.isTriviallyCopyableType(context)) return true;
    const CXXRecordDecl* record = type->getAsCXXRecordDecl();
    if (record == nullptr || !record->hasDefinition()) return false;
    if (record->needsImplicitCopyConstructor()) return !record->defaultedCopyConstructorIsDeleted();
    for (const CXXConstructorDecl* ctor : record->ctors()) {
      if (ctor->isCopyConstructor() && !ctor->isDeleted() && ctor->getAccess() == AS_public) {
        return true;
      }
    }
    return false;
  }

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

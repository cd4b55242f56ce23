// weft-detach-borrows-locals: a detached thread given references or pointers to locals.
#include <clang/AST/Decl.h>

#include "weft_vet/check.h"
#include "checkers/common/concurrency_ast.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

class DetachBorrowsLocals : public Check {
 public:
  using Check::Check;
  void register_matchers(MatchFinder& finder) override {
    finder.addMatcher(cxxMemberCallExpr(callee(cxxMethodDecl(hasName("detach"),
                                                             ofClass(hasName("::std::thread")))))
                          .bind("detach"),
                      this);
  }
  void run(const MatchFinder::MatchResult& r) override {
    const auto* detach = r.Nodes.getNodeAs<CXXMemberCallExpr>("detach");
    const Expr* object = strip(detach->getImplicitObjectArgument());
    const Expr* start = nullptr;
    if (const auto* ref = dyn_cast<DeclRefExpr>(object)) {
      if (const auto* v = dyn_cast<VarDecl>(ref->getDecl()); v && v->hasInit()) start = strip(v->getInit());
    } else {
      start = object;
    }
    if (start == nullptr || task_start_kind(start) != TaskStart::std_thread) return;
    std::vector<std::pair<SourceLocation, std::string>> notes;
    std::string names;
    const auto args = task_arguments(start);
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i == 0) {
        for (const LambdaCapture* c : locals_captured_by_ref(as_lambda(args[0]))) {
          const ValueDecl* v = c->getCapturedVar();
          names += (names.empty() ? "'" : ", '") + v->getNameAsString() + "'";
          notes.emplace_back(c->isImplicit() ? v->getLocation() : c->getLocation(),
                             "'" + v->getNameAsString() + "' is captured by reference here" +
                                 (c->isImplicit() ? " (through [&])" : ""));
        }
      }
      for (const DeclRefExpr* d : locals_lent(args[i])) {
        names += (names.empty() ? "'" : ", '") + d->getDecl()->getNameAsString() + "'";
        notes.emplace_back(d->getLocation(), "'" + d->getDecl()->getNameAsString() +
                                                 "' is handed to the thread by reference here");
      }
    }
    if (notes.empty()) return;
    report(*r.SourceManager, detach->getExprLoc(),
                     "detached thread borrows local " + names +
                         "; the thread can outlive this scope and then uses a destroyed "
                         "object (pass copies, or join instead of detaching)",
                     std::move(notes));
  }
};

}  // namespace
std::unique_ptr<Check> make_detach_borrows_locals(TuContext& tu) {
  return std::make_unique<DetachBorrowsLocals>(tu);
}
}  // namespace weft::vet

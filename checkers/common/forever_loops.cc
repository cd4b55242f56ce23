#include "forever_loops.h"

#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include "concurrency_ast.h"

namespace weft::vet {

namespace {
class LoopCollector : public clang::RecursiveASTVisitor<LoopCollector> {
 public:
  std::vector<const clang::Stmt*> loops;
  bool TraverseLambdaExpr(clang::LambdaExpr*) { return true; }
  bool VisitStmt(clang::Stmt* s) {
    if (is_forever_loop(s) && !loop_can_exit(s)) loops.push_back(s);
    return true;
  }
};
}  // namespace

std::vector<const clang::Stmt*> endless_loops(const clang::Stmt* body) {
  LoopCollector c;
  if (body != nullptr) c.TraverseStmt(const_cast<clang::Stmt*>(body));
  return c.loops;
}

}  // namespace weft::vet

#include "loops.h"

#include <clang/AST/Decl.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/StmtCXX.h>

namespace weft::vet {

using namespace clang;

bool is_loop(const Stmt* s) { return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(s); }

const Stmt* loop_declaring(ASTContext& ctx, const Stmt* s, const VarDecl* var) {
  const SourceManager& sm = ctx.getSourceManager();
  const SourceLocation at = var->getLocation();
  for (DynTypedNodeList p = ctx.getParents(*s); !p.empty(); p = ctx.getParents(p[0])) {
    if (p[0].get<FunctionDecl>() != nullptr || p[0].get<LambdaExpr>() != nullptr) return nullptr;
    const Stmt* loop = p[0].get<Stmt>();
    if (loop == nullptr || !is_loop(loop)) continue;
    const SourceRange range = loop->getSourceRange();
    if (!sm.isBeforeInTranslationUnit(at, range.getBegin()) &&
        sm.isBeforeInTranslationUnit(at, range.getEnd())) {
      return loop;
    }
  }
  return nullptr;
}

}  // namespace weft::vet

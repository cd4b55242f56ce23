#include "close_per_call.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include <map>

#include "checkers/common/chan_flow.h"

namespace weft::vet {
namespace {

using namespace clang;

// The member channel a method closes on every call: `ch.close();` as a statement of its body,
// with no way out of the body before it.
const FieldDecl* closes_every_call(const CXXMethodDecl* m, SourceLocation& at) {
  const FunctionDecl* def = nullptr;
  if (m == nullptr || !m->hasBody(def) || def == nullptr) return nullptr;
  const auto* body = dyn_cast<CompoundStmt>(def->getBody());
  if (body == nullptr) return nullptr;
  struct Exits : RecursiveASTVisitor<Exits> {
    bool found = false;
    bool VisitReturnStmt(ReturnStmt*) { return !(found = true); }
    bool VisitCXXThrowExpr(CXXThrowExpr*) { return !(found = true); }
    bool VisitGotoStmt(GotoStmt*) { return !(found = true); }
    bool TraverseLambdaExpr(LambdaExpr*) { return true; }
  } exits;
  for (const Stmt* s : body->body()) {
    const auto* call = dyn_cast<CXXMemberCallExpr>(s);
    const auto* member = call != nullptr ? dyn_cast<MemberExpr>(call->getImplicitObjectArgument()
                                                                    ->IgnoreParenImpCasts())
                                         : nullptr;
    if (member != nullptr && call->getMethodDecl() != nullptr &&
        call->getMethodDecl()->getName() == "close" &&
        isa<CXXThisExpr>(member->getBase()->IgnoreParenImpCasts()) && is_chan_type(member->getType())) {
      at = call->getExprLoc();
      return dyn_cast<FieldDecl>(member->getMemberDecl());
    }
    exits.TraverseStmt(const_cast<Stmt*>(s));
    if (exits.found) return nullptr;
  }
  return nullptr;
}

struct Site {
  const VarDecl* object;
  const CXXMethodDecl* method;
  SourceLocation at;
};

// The calls `obj.m()` that are statements of a body, on a local object.
void sites_in(const Stmt* body, std::vector<Site>& out) {
  const auto* block = dyn_cast_or_null<CompoundStmt>(body);
  if (block == nullptr) return;
  for (const Stmt* s : block->body()) {
    const auto* call = dyn_cast<CXXMemberCallExpr>(s);
    if (call == nullptr || call->getMethodDecl() == nullptr) continue;
    const auto* ref = dyn_cast<DeclRefExpr>(call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    const auto* v = ref != nullptr ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
    if (v != nullptr && v->hasLocalStorage() && !v->getType()->isReferenceType() &&
        !v->getType()->isPointerType()) {
      out.push_back({v, call->getMethodDecl(), call->getExprLoc()});
    }
  }
}

// The lambdas made in a body (nested ones too) that do not run through a Once.
class Lambdas : public RecursiveASTVisitor<Lambdas> {
 public:
  std::vector<const LambdaExpr*> found;
  bool TraverseCallExpr(CallExpr* call) {
    const FunctionDecl* f = call->getDirectCallee();
    const std::string n = f != nullptr ? f->getQualifiedNameAsString() : "";
    if (n == "weft::Once::call" || n == "std::call_once") return true;  // runs at most once
    return RecursiveASTVisitor::TraverseCallExpr(call);
  }
  bool TraverseCXXMemberCallExpr(CXXMemberCallExpr* call) {
    const CXXMethodDecl* m = call->getMethodDecl();
    if (m != nullptr && m->getQualifiedNameAsString() == "weft::Once::call") return true;
    return RecursiveASTVisitor::TraverseCXXMemberCallExpr(call);
  }
  bool VisitLambdaExpr(LambdaExpr* lambda) {
    found.push_back(lambda);
    return true;
  }
};

}  // namespace

std::vector<CloseTwice> close_per_call_twice(const FunctionDecl& function) {
  std::vector<Site> sites;
  sites_in(function.getBody(), sites);
  Lambdas lambdas;
  lambdas.TraverseStmt(const_cast<Stmt*>(function.getBody()));
  for (const LambdaExpr* l : lambdas.found) sites_in(l->getBody(), sites);

  std::vector<CloseTwice> out;
  std::map<std::pair<const VarDecl*, const CXXMethodDecl*>, SourceLocation> first;
  for (const Site& s : sites) {
    SourceLocation close;
    const FieldDecl* channel = closes_every_call(s.method, close);
    if (channel == nullptr) continue;
    auto [it, fresh] = first.try_emplace({s.object, s.method}, s.at);
    if (fresh) continue;
    out.push_back({close, it->second, s.at, s.object->getNameAsString(),
                   s.method->getNameAsString(), channel->getNameAsString()});
  }
  return out;
}

}  // namespace weft::vet

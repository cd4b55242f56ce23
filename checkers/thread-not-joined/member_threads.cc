#include "member_threads.h"

#include <clang/AST/RecursiveASTVisitor.h>

#include <set>

#include "checkers/common/concurrency_ast.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

// Whether `body` ends `field`'s thread (join, detach, swap, a move, handing it to a function),
// itself or through the methods of `cls` it calls on this object, `depth` calls deep.
class EndFinder : public RecursiveASTVisitor<EndFinder> {
 public:
  EndFinder(const FieldDecl* field, const CXXRecordDecl* cls) : field_(field), cls_(cls) {}
  bool found = false;

  void search(const FunctionDecl* f, int depth) {
    if (found || f == nullptr || depth > 4 || !visited_.insert(f).second) return;
    const FunctionDecl* def = f->getDefinition();
    if (def == nullptr || !def->hasBody()) return;
    depth_ = depth;
    TraverseStmt(def->getBody());
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr* c) {
    const CXXMethodDecl* m = c->getMethodDecl();
    if (m == nullptr) return true;
    if (is_field(c->getImplicitObjectArgument()) &&
        (m->getName() == "join" || m->getName() == "detach" || m->getName() == "swap")) {
      found = true;
      return false;
    }
    // this->close(), close(): a helper of the same class the destructor calls.
    if (m->getParent() == cls_ && isa<CXXThisExpr>(c->getImplicitObjectArgument()->IgnoreParenImpCasts())) {
      const int depth = depth_;
      search(m, depth + 1);
      depth_ = depth;
    }
    return !found;
  }
  bool VisitCallExpr(CallExpr* c) {  // std::move(thread_), swap(thread_, t), hand_off(thread_)
    if (isa<CXXMemberCallExpr>(c)) return true;
    for (const Expr* a : c->arguments()) {
      if (is_field(a)) found = true;
    }
    return !found;
  }

 private:
  bool is_field(const Expr* e) const {
    const auto* m = dyn_cast<MemberExpr>(e->IgnoreParenImpCasts());
    return m != nullptr && m->getMemberDecl() == field_;
  }
  const FieldDecl* field_;
  const CXXRecordDecl* cls_;
  std::set<const FunctionDecl*> visited_;
  int depth_ = 0;
};

bool derives_from_gtest(const CXXRecordDecl* cls) {
  bool found = false;
  cls->forallBases([&](const CXXRecordDecl* base) {
    found = found || base->getQualifiedNameAsString() == "testing::Test";
    return true;
  });
  return found;
}

// Whether code outside `cls`'s own methods joins or detaches `field` of some object.
bool joined_outside(ASTContext& ctx, const FieldDecl* field, const CXXRecordDecl* cls) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const FieldDecl* field;
    const CXXRecordDecl* cls;
    bool found = false;
    bool TraverseCXXMethodDecl(CXXMethodDecl* m) {
      return m->getParent() == cls || RecursiveASTVisitor::TraverseCXXMethodDecl(m);
    }
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr* c) {
      const CXXMethodDecl* m = c->getMethodDecl();
      const auto* of = dyn_cast<MemberExpr>(c->getImplicitObjectArgument()->IgnoreParenImpCasts());
      if (m && of && of->getMemberDecl() == field && (m->getName() == "join" || m->getName() == "detach")) {
        found = true;
      }
      return !found;
    }
  } finder;
  finder.field = field;
  finder.cls = cls;
  for (Decl* d : ctx.getTraversalScope()) {
    if (!finder.TraverseDecl(d)) break;
  }
  return finder.found;
}

bool starts_thread(const Expr* e) {
  return e != nullptr && task_start_kind(strip(e)) == TaskStart::std_thread;
}

}  // namespace

void MemberThreads::check(const MatchFinder::MatchResult& r, const FieldDecl* f) {
  const auto* cls = dyn_cast<CXXRecordDecl>(f->getParent());
  if (cls == nullptr || !cls->hasDefinition()) return;
  // Started somewhere in the class: initialised with a callable, or assigned a new thread.
  SourceLocation started;
  if (starts_thread(f->getInClassInitializer())) started = f->getInClassInitializer()->getBeginLoc();
  for (const CXXConstructorDecl* ctor : cls->ctors()) {
    for (const CXXCtorInitializer* init : ctor->inits()) {
      if (init->getMember() == f && init->isWritten() && starts_thread(init->getInit())) {
        started = init->getSourceLocation();
      }
    }
  }
  if (started.isInvalid()) {
    auto assigned = cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                        hasArgument(0, memberExpr(member(equalsNode(f)))));
    for (const CXXMethodDecl* m : cls->methods()) {
      const FunctionDecl* def = m->getDefinition();
      if (def == nullptr || !def->hasBody()) continue;
      auto found = match(findAll(assigned.bind("a")), *def->getBody(), *r.Context);
      if (!found.empty()) {
        started = found.front().getNodeAs<Stmt>("a")->getBeginLoc();
        break;
      }
    }
  }
  if (started.isInvalid()) return;

  EndFinder ends(f, cls);
  const CXXDestructorDecl* dtor = cls->getDestructor();
  if (dtor != nullptr && dtor->isUserProvided()) {
    const FunctionDecl* def = dtor->getDefinition();
    if (def == nullptr || !def->hasBody()) return;  // defined in another file: cannot tell
    ends.search(def, 0);
  }
  if (!ends.found && derives_from_gtest(cls)) {
    for (const CXXMethodDecl* m : cls->methods()) {
      if (m->getName() == "TearDown") ends.search(m, 0);
    }
  }
  if (ends.found) return;
  // Joined from outside the class: an owner joins `inner.thread_` before it destroys inner.
  if (joined_outside(*r.Context, f, cls)) return;

  check_.report(*r.SourceManager, f->getLocation(),
                   "member std::thread '" + f->getNameAsString() + "' is started but " +
                       cls->getNameAsString() +
                       "'s destructor never joins it; destroying the object while the thread "
                       "runs calls std::terminate (join in the destructor, or use std::jthread)",
                   {{started, "the thread is started here"}});
}

}  // namespace weft::vet

// weft-thread-not-joined: a std::thread destroyed while joinable (std::terminate).
#include <clang/AST/RecursiveASTVisitor.h>

#include "analyzer/src/check.h"
#include "checkers/common/concurrency_ast.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

// Uses of one variable (or member) that end its joinability, and exits before them.
class JoinFinder : public RecursiveASTVisitor<JoinFinder> {
 public:
  explicit JoinFinder(const ValueDecl* target) : target_(target) {}

  std::vector<const Stmt*> ends;   // join(), detach(), std::move(t), swap, assignment from
  std::vector<const Stmt*> exits;  // return and throw statements

  bool TraverseLambdaExpr(LambdaExpr*) { return true; }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr* c) {
    const auto* m = c->getMethodDecl();
    if (m != nullptr && refers(c->getImplicitObjectArgument()) &&
        (m->getName() == "join" || m->getName() == "detach" || m->getName() == "swap")) {
      ends.push_back(c);
    }
    return true;
  }
  bool VisitCallExpr(CallExpr* c) {
    const auto* f = c->getDirectCallee();
    if (f == nullptr || isa<CXXMemberCallExpr>(c)) return true;
    const std::string name = f->getQualifiedNameAsString();
    if (name == "std::move" || name == "std::swap" || name == "std::exchange") {
      for (const Expr* a : c->arguments()) {
        if (refers(a)) ends.push_back(c);
      }
    }
    return true;
  }
  bool VisitReturnStmt(ReturnStmt* s) {
    // `return t;` moves the thread out to the caller.
    if (s->getRetValue() != nullptr && refers(strip(s->getRetValue()))) {
      ends.push_back(s);
    } else {
      exits.push_back(s);
    }
    return true;
  }
  bool VisitCXXThrowExpr(CXXThrowExpr* s) {
    exits.push_back(s);
    return true;
  }

 private:
  bool refers(const Expr* e) const {
    e = e->IgnoreParenImpCasts();
    if (const auto* d = dyn_cast<DeclRefExpr>(e)) return d->getDecl() == target_;
    if (const auto* m = dyn_cast<MemberExpr>(e)) return m->getMemberDecl() == target_;
    return false;
  }
  const ValueDecl* target_;
};

class ThreadNotJoined : public Check {
 public:
  using Check::Check;
  void register_matchers(MatchFinder& finder) override {
    finder.addMatcher(varDecl(hasLocalStorage(), hasType(cxxRecordDecl(hasName("::std::thread"))),
                              hasInitializer(expr()), hasAncestor(compoundStmt().bind("scope")))
                          .bind("var"),
                      this);
    finder.addMatcher(fieldDecl(hasType(cxxRecordDecl(hasName("::std::thread")))).bind("field"), this);
  }

  void run(const MatchFinder::MatchResult& r) override {
    if (const auto* v = r.Nodes.getNodeAs<VarDecl>("var")) local_thread(r, v, r.Nodes.getNodeAs<CompoundStmt>("scope"));
    if (const auto* f = r.Nodes.getNodeAs<FieldDecl>("field")) member_thread(r, f);
  }

 private:
  void local_thread(const MatchFinder::MatchResult& r, const VarDecl* v, const CompoundStmt* scope) {
    if (v->isLocalVarDeclOrParm() && isa<ParmVarDecl>(v)) return;
    if (task_start_kind(strip(v->getInit())) != TaskStart::std_thread) return;
    // The innermost compound statement that declares v is its scope.
    const CompoundStmt* own = scope;
    for (DynTypedNodeList p = r.Context->getParents(*v); !p.empty(); p = r.Context->getParents(p[0])) {
      if (const auto* c = p[0].get<CompoundStmt>()) {
        own = c;
        break;
      }
    }
    JoinFinder finder(v);
    finder.TraverseStmt(const_cast<CompoundStmt*>(own));
    const SourceManager& sm = *r.SourceManager;
    if (finder.ends.empty()) {
      reporter_.report("weft-thread-not-joined", sm, v->getLocation(),
                       "std::thread '" + v->getNameAsString() +
                           "' is never joined or detached; its destructor calls std::terminate "
                           "while the thread is joinable (join it, or use std::jthread)");
      return;
    }
    const Stmt* first_end = finder.ends.front();
    for (const Stmt* e : finder.ends) {
      if (sm.isBeforeInTranslationUnit(e->getBeginLoc(), first_end->getBeginLoc())) first_end = e;
    }
    for (const Stmt* exit : finder.exits) {
      if (sm.isBeforeInTranslationUnit(v->getLocation(), exit->getBeginLoc()) &&
          sm.isBeforeInTranslationUnit(exit->getBeginLoc(), first_end->getBeginLoc())) {
        reporter_.report(
            "weft-thread-not-joined", sm, exit->getBeginLoc(),
            std::string("this ") + (isa<ReturnStmt>(exit) ? "return" : "throw") +
                " leaves the scope while std::thread '" + v->getNameAsString() +
                "' is still joinable; its destructor calls std::terminate (join on every "
                "path, e.g. with a guard, or use std::jthread)",
            {{v->getLocation(), "'" + v->getNameAsString() + "' starts here"},
             {first_end->getBeginLoc(), "it is joined only here"}});
        return;  // one finding per thread
      }
    }
  }

  void member_thread(const MatchFinder::MatchResult& r, const FieldDecl* f) {
    const auto* cls = dyn_cast<CXXRecordDecl>(f->getParent());
    if (cls == nullptr || !cls->hasDefinition()) return;
    // Started somewhere in the class: assigned a new thread, or initialised with a callable.
    SourceLocation started;
    for (const CXXConstructorDecl* ctor : cls->ctors()) {
      for (const CXXCtorInitializer* init : ctor->inits()) {
        if (init->getMember() == f && init->isWritten() &&
            task_start_kind(strip(init->getInit())) == TaskStart::std_thread) {
          started = init->getSourceLocation();
        }
      }
    }
    if (started.isInvalid()) {
      auto assigned = cxxOperatorCallExpr(
          hasOverloadedOperatorName("="), hasArgument(0, memberExpr(member(equalsNode(f)))));
      for (const CXXMethodDecl* m : cls->methods()) {
        if (!m->hasBody()) continue;
        auto found = match(findAll(assigned.bind("a")), *m->getBody(), *r.Context);
        if (!found.empty()) {
          started = found.front().getNodeAs<Stmt>("a")->getBeginLoc();
          break;
        }
      }
    }
    if (started.isInvalid()) return;
    const CXXDestructorDecl* dtor = cls->getDestructor();
    if (dtor != nullptr && dtor->isUserProvided()) {
      const FunctionDecl* def = dtor->getDefinition();
      if (def == nullptr || !def->hasBody()) return;  // defined elsewhere: cannot tell
      JoinFinder finder(f);
      finder.TraverseStmt(def->getBody());
      if (!finder.ends.empty()) return;
    }
    reporter_.report("weft-thread-not-joined", *r.SourceManager, f->getLocation(),
                     "member std::thread '" + f->getNameAsString() + "' is started but " +
                         cls->getNameAsString() +
                         "'s destructor never joins it; destroying the object while the "
                         "thread runs calls std::terminate (join in the destructor, or use "
                         "std::jthread)",
                     {{started, "the thread is started here"}});
  }
};

}  // namespace
std::unique_ptr<Check> make_thread_not_joined(Reporter& r) { return std::make_unique<ThreadNotJoined>(r); }
}  // namespace weft::vet

// weft-mutex-copied: a user-written copy or move (constructor or assignment) of a class that
// holds a mutex, reading the source's guarded members without holding the source's mutex.
//
// Go's `go vet` (copylocks) flags any copy of a value holding a sync.Mutex. In C++ such a copy
// does not compile — the mutex types delete their copy operations — unless the class writes its
// own; and there the bug is the one copylocks guards against: the source is read while another
// task, holding the source's lock, may be changing it. A member counts as guarded when a method
// of the class that locks one of the class's mutexes touches it.
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include <set>

#include "weft_vet/check.h"
#include "checkers/common/lock_flow.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

bool is_atomic(QualType t) {
  const CXXRecordDecl* r = t->getAsCXXRecordDecl();
  return r != nullptr && (r->getQualifiedNameAsString() == "std::atomic" ||
                          r->getQualifiedNameAsString() == "std::atomic_flag");
}

// The fields of `record` touched through `this` in a body.
class FieldUses : public RecursiveASTVisitor<FieldUses> {
 public:
  std::set<const FieldDecl*> fields;
  bool VisitMemberExpr(MemberExpr* m) {
    if (isa<CXXThisExpr>(m->getBase()->IgnoreParenImpCasts())) {
      if (const auto* f = dyn_cast<FieldDecl>(m->getMemberDecl())) fields.insert(f);
    }
    return true;
  }
};

// Reads of the source object's fields: `other.f`, in initializers and the body.
class SourceReads : public RecursiveASTVisitor<SourceReads> {
 public:
  explicit SourceReads(const ParmVarDecl* source) : source_(source) {}
  std::vector<const MemberExpr*> reads;
  bool VisitMemberExpr(MemberExpr* m) {
    const auto* base = dyn_cast<DeclRefExpr>(m->getBase()->IgnoreParenImpCasts());
    if (base != nullptr && base->getDecl() == source_ && isa<FieldDecl>(m->getMemberDecl())) {
      reads.push_back(m);
    }
    return true;
  }

 private:
  const ParmVarDecl* source_;
};

class MutexCopied : public Check {
 public:
  using Check::Check;
  void register_matchers(MatchFinder& finder) override {
    finder.addMatcher(
        cxxMethodDecl(isDefinition(), unless(isImplicit()), unless(isDefaulted()),
                      anyOf(cxxConstructorDecl(anyOf(isCopyConstructor(), isMoveConstructor())),
                            isCopyAssignmentOperator(), isMoveAssignmentOperator()))
            .bind("copy"),
        this);
  }

  void run(const MatchFinder::MatchResult& r) override {
    const auto* copy = r.Nodes.getNodeAs<CXXMethodDecl>("copy");
    const CXXRecordDecl* record = copy->getParent();
    if (copy->getNumParams() != 1 || copy->getBody() == nullptr || record->isDependentContext()) return;
    std::vector<const FieldDecl*> mutexes;
    for (const FieldDecl* f : record->fields()) {
      if (is_followed_mutex(f->getType())) mutexes.push_back(f);
    }
    if (mutexes.empty()) return;
    const std::set<const FieldDecl*> guarded = guarded_fields(*r.Context, *record, mutexes);
    if (guarded.empty()) return;

    const ParmVarDecl* source = copy->getParamDecl(0);
    // Copy-and-swap, `Q& operator=(Q other)`: the source is this call's own copy, and no other
    // task can hold its lock.
    if (!source->getType()->isReferenceType()) return;
    SourceReads reads(source);
    if (const auto* ctor = dyn_cast<CXXConstructorDecl>(copy)) {
      for (const CXXCtorInitializer* init : ctor->inits()) {
        if (init->isWritten()) reads.TraverseStmt(init->getInit());
      }
    }
    reads.TraverseStmt(copy->getBody());

    // Where this function locks the source's mutex (by hand or with a guard).
    std::vector<SourceLocation> source_locked;
    for (const LockEvent& e : lock_flow(*r.Context, *copy).events) {
      if (e.kind == LockEvent::Kind::acquire && e.key.access.root == source) source_locked.push_back(e.at);
    }
    const SourceManager& sm = *r.SourceManager;
    std::vector<std::string> names;
    const MemberExpr* first = nullptr;
    for (const MemberExpr* m : reads.reads) {
      const auto* field = cast<FieldDecl>(m->getMemberDecl());
      if (guarded.count(field) == 0) continue;
      const bool locked = std::any_of(source_locked.begin(), source_locked.end(), [&](SourceLocation at) {
        return sm.isBeforeInTranslationUnit(at, m->getExprLoc());
      });
      if (locked) continue;
      if (first == nullptr) first = m;
      const std::string name = "'" + field->getNameAsString() + "'";
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    if (first == nullptr) return;
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i) {
      list += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    }
    const std::string kind = isa<CXXConstructorDecl>(copy) ? "constructor" : "assignment";
    const std::string what = copy->isCopyAssignmentOperator() || (isa<CXXConstructorDecl>(copy) &&
                                                                   cast<CXXConstructorDecl>(copy)->isCopyConstructor())
                                 ? "copy"
                                 : "move";
    report(sm, first->getExprLoc(),
        "this " + what + " " + kind + " of '" + record->getNameAsString() + "' reads " + list +
            " of '" + source->getNameAsString() + "' without holding '" + source->getNameAsString() +
            "." + mutexes.front()->getNameAsString() + "', the lock that guards " +
            (names.size() == 1 ? "it" : "them") + "; a task changing '" +
            source->getNameAsString() + "' under that lock races with this " + what +
            " — lock the source first (std::scoped_lock for both sides of an assignment)",
        {{mutexes.front()->getLocation(), "'" + mutexes.front()->getNameAsString() +
                                              "' is locked where these members change"}});
  }

 private:
  // The fields a method of the class touches while it locks one of the class's mutexes.
  static std::set<const FieldDecl*> guarded_fields(ASTContext& context, const CXXRecordDecl& record,
                                                   const std::vector<const FieldDecl*>& mutexes) {
    std::set<const FieldDecl*> out;
    for (const CXXMethodDecl* m : record.methods()) {
      const FunctionDecl* def = nullptr;
      if (!m->hasBody(def) || def == nullptr || isa<CXXConstructorDecl>(m) ||
          isa<CXXDestructorDecl>(m) || m->isCopyAssignmentOperator() || m->isMoveAssignmentOperator()) {
        continue;
      }
      bool locks_own = false;
      for (const LockEvent& e : lock_flow(context, *def).events) {
        if (e.kind != LockEvent::Kind::acquire || e.key.access.root != nullptr ||
            e.key.access.members.size() != 1) {
          continue;
        }
        locks_own |= std::count(mutexes.begin(), mutexes.end(), e.key.access.members.front()) != 0;
      }
      if (!locks_own) continue;
      FieldUses uses;
      uses.TraverseStmt(def->getBody());
      for (const FieldDecl* f : uses.fields) {
        if (!is_followed_mutex(f->getType()) && !is_atomic(f->getType()) && !f->getType().isConstQualified()) {
          out.insert(f);
        }
      }
    }
    return out;
  }
};

}  // namespace
std::unique_ptr<Check> make_mutex_copied(TuContext& tu) { return std::make_unique<MutexCopied>(tu); }
}  // namespace weft::vet

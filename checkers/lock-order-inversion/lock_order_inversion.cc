// weft-lock-order-inversion: two locks taken in opposite orders (or locks taken in a cycle) on
// paths that can run in different tasks, within a function, across functions or across
// translation units. Each TU leaves a summary of what its functions lock, hold and call
// (lock_order.h); after the last TU the summaries are merged and the cycles reported, each once
// (lock_order_graph.cc).
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Index/USRGeneration.h>

#include <map>

#include "checkers/common/lock_flow_check.h"
#include "lock_order.h"

namespace weft::vet {
namespace {

using namespace clang;
using lock_order::Term;

constexpr const char* kCheck = "weft-lock-order-inversion";

std::string usr_of(const Decl* d) {
  llvm::SmallString<128> usr;
  if (clang::index::generateUSRForDecl(d, usr)) return "";
  return std::string(usr);
}

bool pointer_like(QualType t) { return t->isPointerType() || t->isReferenceType(); }

std::string where(Reporter& reporter, const SourceManager& sm, SourceLocation at) {
  const Place p = reporter.place(sm, at);
  return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

class LockOrderInversion : public LockFlowCheck {
 public:
  using LockFlowCheck::LockFlowCheck;

  std::unique_ptr<TuSummary> end_translation_unit() override {
    if (summary_->functions.empty()) return nullptr;
    return std::move(summary_);
  }

 protected:
  void on_flow(const ast_matchers::MatchFinder::MatchResult& r, const FunctionDecl& function,
               const LockFlow& flow) override {
    const SourceManager& sm = *r.SourceManager;
    lock_order::Function out;
    out.usr = usr_of(&function);
    if (out.usr.empty()) return;

    // Where this function takes each lock it holds somewhere.
    std::map<std::string, SourceLocation> taken_at;
    for (const LockEvent& e : flow.events) {
      if (e.kind == LockEvent::Kind::acquire && e.callee_acquire.isInvalid()) {
        taken_at.try_emplace(e.key.id, e.at);
      }
    }
    auto held = [&](const LockEvent& e) {
      std::vector<lock_order::Held> out;
      for (const auto& [key, mask] : e.locks) {
        if (key == e.key || !always(mask, kHeld)) continue;
        auto at = taken_at.find(key.id);
        auto t = term(key.access, key.name, function);
        if (at == taken_at.end() || !t) continue;
        out.push_back({*t, reporter().place(sm, at->second)});
      }
      return out;
    };

    std::map<const CallExpr*, const LockEvent*> calls_with_locks;
    for (const LockEvent& e : flow.events) {
      if (e.kind == LockEvent::Kind::call) calls_with_locks[e.call] = &e;
      if (e.kind != LockEvent::Kind::acquire || e.callee_acquire.isValid()) continue;
      auto t = term(e.key.access, e.key.name, function);
      if (!t || reporter().in_system_header(sm, e.at)) continue;
      out.acquisitions.push_back(
          {*t, reporter().place(sm, e.at), reporter().suppressed(kCheck, sm, e.at), held(e)});
    }

    CallScan scan;
    scan.TraverseStmt(const_cast<Stmt*>(function.getBody()));
    for (const CallExpr* call : scan.calls) {
      const FunctionDecl* callee = call->getDirectCallee();
      if (reporter().in_system_header(sm, callee->getLocation()) ||
          reporter().in_system_header(sm, call->getExprLoc())) {
        continue;
      }
      lock_order::Call c;
      c.callee = usr_of(callee);
      if (c.callee.empty()) continue;
      c.callee_name = callee->getNameAsString();
      c.at = reporter().place(sm, call->getExprLoc());
      c.suppressed = reporter().suppressed(kCheck, sm, call->getExprLoc());
      unsigned first_arg = 0;
      if (const auto* method = dyn_cast<CXXMethodDecl>(callee); method && !method->isStatic()) {
        c.has_object = true;
        const auto* member = dyn_cast<MemberExpr>(call->getCallee()->IgnoreParenImpCasts());
        c.dispatched = method->isVirtual() && !(member != nullptr && member->hasQualifier());
        if (method->getParent()->isLambda()) {
          c.object.root = Term::Root::this_object;  // a lambda's `this` is its creator's
        } else if (const auto* member = dyn_cast<CXXMemberCallExpr>(call)) {
          c.object = object_term(member, function);
        } else if (isa<CXXOperatorCallExpr>(call) && call->getNumArgs() > 0) {
          c.object = arg_term(call->getArg(0), function);
          first_arg = 1;
        }
      }
      for (unsigned i = 0; i < callee->getNumParams() && first_arg + i < call->getNumArgs(); ++i) {
        c.args.push_back(arg_term(call->getArg(first_arg + i), function));
      }
      if (auto e = calls_with_locks.find(call); e != calls_with_locks.end()) c.held = held(*e->second);
      out.calls.push_back(std::move(c));
    }
    if (const auto* method = dyn_cast<CXXMethodDecl>(&function)) {
      std::vector<const CXXMethodDecl*> todo(method->begin_overridden_methods(),
                                             method->end_overridden_methods());
      while (!todo.empty()) {
        const CXXMethodDecl* base = todo.back();
        todo.pop_back();
        if (std::string usr = usr_of(base); !usr.empty()) out.overrides.push_back(usr);
        todo.insert(todo.end(), base->begin_overridden_methods(), base->end_overridden_methods());
      }
    }
    if (!out.acquisitions.empty() || !out.calls.empty()) summary_->functions.push_back(std::move(out));
  }

 private:
  // Every call with a known callee in a body, its lambdas left out (they run elsewhere).
  struct CallScan : RecursiveASTVisitor<CallScan> {
    std::vector<const CallExpr*> calls;
    bool VisitCallExpr(CallExpr* call) {
      if (call->getDirectCallee() != nullptr) calls.push_back(call);
      return true;
    }
    bool TraverseLambdaExpr(LambdaExpr*) { return true; }
  };

  // A lock or an object of this function, in terms its callers and other TUs understand.
  std::optional<Term> term(const Access& a, const std::string& name, const FunctionDecl& function) {
    Term t;
    const ValueDecl* root = a.root;
    std::size_t first_member = 0;
    // A static member reached through an object is the global it is.
    for (std::size_t i = 0; i < a.members.size(); ++i) {
      if (isa<VarDecl>(a.members[i])) root = a.members[i], first_member = i + 1;
    }
    if (root == nullptr) {
      t.root = Term::Root::this_object;
    } else if (const auto* p = dyn_cast<ParmVarDecl>(root);
               p != nullptr && p->getDeclContext() == &function && pointer_like(p->getType())) {
      t.root = Term::Root::param;
      t.param = p->getFunctionScopeIndex();
    } else if (const auto* v = dyn_cast<VarDecl>(root)) {
      t.root = Term::Root::variable;
      t.object_root = !pointer_like(v->getType());
      if (v->hasGlobalStorage() && !v->isStaticLocal() && v->isExternallyVisible()) {
        t.variable = "g:" + v->getQualifiedNameAsString();  // the same in every TU
        t.variable_name = v->getQualifiedNameAsString();
      } else {  // this TU's own: named by where it is declared
        t.variable = "l:" + where(reporter(), sm_of(function), v->getLocation());
        t.variable_name = v->getNameAsString();
      }
      if (isa<ParmVarDecl>(root) && root->getDeclContext() != &function) {
        t.root = Term::Root::unknown;  // a parameter of the function a lambda is in
      }
    } else {
      t.root = Term::Root::unknown;
    }
    t.indirect = first_member == 0 && a.indirect;
    for (std::size_t i = first_member; i < a.members.size(); ++i) {
      t.members.push_back(qualified_member(a.members[i], function));
      t.member_names.push_back(a.members[i]->getNameAsString());
      if (i + 1 < a.members.size() && pointer_like(a.members[i]->getType())) t.indirect = true;
    }
    t.last_member_pointer = !t.members.empty() && pointer_like(a.members.back()->getType());
    if (t.root == Term::Root::this_object && t.members.empty()) t.variable_name = "this";
    if (t.variable_name.empty()) t.variable_name = name;
    t.spelling = name;
    return t;
  }

  Term object_term(const CXXMemberCallExpr* call, const FunctionDecl& function) {
    const Expr* object = call->getImplicitObjectArgument();
    auto p = object != nullptr ? object_path_of(object) : std::nullopt;
    if (!p) return Term{};
    const auto* callee = dyn_cast<MemberExpr>(call->getCallee()->IgnoreParens());
    if (callee != nullptr && callee->isArrow() && !p->access.members.empty()) p->access.indirect = true;
    auto t = term(p->access, p->name, function);
    if (!t) return Term{};
    // p->f() on a pointer variable: *p is no fixed object.
    if (callee != nullptr && callee->isArrow() && t->root == Term::Root::variable && t->members.empty()) {
      t->object_root = false;
    }
    return *t;
  }

  Term arg_term(const Expr* arg, const FunctionDecl& function) {
    auto p = object_path_of(arg);
    if (!p) return Term{};
    auto t = term(p->access, p->name, function);
    return t ? *t : Term{};
  }

  static const SourceManager& sm_of(const FunctionDecl& f) {
    return f.getASTContext().getSourceManager();
  }

  // "Account::mu"; a class of this TU alone (in an anonymous namespace, local to a function) is
  // told apart from its namesakes in other TUs by where it is declared.
  std::string qualified_member(const ValueDecl* m, const FunctionDecl& function) {
    const auto* record = dyn_cast<RecordDecl>(m->getDeclContext());
    if (record == nullptr) return m->getQualifiedNameAsString();
    std::string name = record->getQualifiedNameAsString() + "::" + m->getNameAsString();
    if (!record->isExternallyVisible()) {
      name += "@" + where(reporter(), sm_of(function), record->getLocation());
    }
    return name;
  }

  std::unique_ptr<lock_order::Summary> summary_ = std::make_unique<lock_order::Summary>();
};

}  // namespace

std::unique_ptr<Check> make_lock_order_inversion(TuContext& tu) {
  return std::make_unique<LockOrderInversion>(tu);
}

std::vector<Finding> finish_lock_order_inversion(std::span<const std::unique_ptr<TuSummary>> summaries) {
  return lock_order::find_cycles(summaries);
}

std::unique_ptr<TuSummary> load_lock_order_inversion(const llvm::json::Value& json,
                                                     std::string* error) {
  return lock_order::summary_from_json(json, error);
}

}  // namespace weft::vet

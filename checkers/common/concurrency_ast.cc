#include "concurrency_ast.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>

namespace weft::vet {

using namespace clang;

std::string record_name(QualType type) {
  type = type.getNonReferenceType().getCanonicalType();
  if (const auto* rd = type->getAsCXXRecordDecl()) return rd->getQualifiedNameAsString();
  return "";
}

const char* to_string(TaskStart kind) {
  switch (kind) {
    case TaskStart::none: return "none";
    case TaskStart::weft_go: return "weft::go";
    case TaskStart::std_thread: return "std::thread";
    case TaskStart::std_jthread: return "std::jthread";
    case TaskStart::std_async: return "std::async";
    case TaskStart::thread_container: return "a container of threads";
  }
  return "?";
}

const Expr* strip(const Expr* e) {
  while (e != nullptr) {
    const Expr* inner = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* c = dyn_cast<CXXConstructExpr>(inner);
        c != nullptr && c->getNumArgs() == 1 && !isa<CXXTemporaryObjectExpr>(c) &&
        (c->getConstructor()->isCopyOrMoveConstructor() || c->getConstructor()->isConvertingConstructor(false))) {
      // A copy/move/conversion of the real argument (e.g. into std::function).
      inner = c->getArg(0)->IgnoreImplicit()->IgnoreParens();
    }
    if (const auto* f = dyn_cast<CXXFunctionalCastExpr>(inner)) inner = f->getSubExpr();
    if (inner == e) return e;
    e = inner;
  }
  return e;
}

const LambdaExpr* as_lambda(const Expr* e) { return dyn_cast_or_null<LambdaExpr>(strip(e)); }

TaskStart task_start_kind(const Expr* e) {
  if (e == nullptr) return TaskStart::none;
  if (const auto* c = dyn_cast<CXXConstructExpr>(e)) {
    const std::string name = c->getConstructor()->getParent()->getQualifiedNameAsString();
    if (c->getConstructor()->isCopyOrMoveConstructor() || c->getNumArgs() == 0) return TaskStart::none;
    if (name == "weft::go") return TaskStart::weft_go;
    if (name == "std::thread") return TaskStart::std_thread;
    if (name == "std::jthread") return TaskStart::std_jthread;
    return TaskStart::none;
  }
  if (const auto* m = dyn_cast<CXXMemberCallExpr>(e)) {
    const auto* method = m->getMethodDecl();
    if (method == nullptr || m->getNumArgs() == 0) return TaskStart::none;
    const std::string name = method->getNameAsString();
    if (name != "emplace_back" && name != "emplace" && name != "emplace_front") return TaskStart::none;
    const auto* container = dyn_cast<ClassTemplateSpecializationDecl>(method->getParent());
    if (container == nullptr || container->getTemplateArgs().size() == 0) return TaskStart::none;
    const TemplateArgument& arg = container->getTemplateArgs()[0];
    if (arg.getKind() != TemplateArgument::Type) return TaskStart::none;
    const std::string element = record_name(arg.getAsType());
    if (element == "std::thread" || element == "std::jthread") {
      // emplace_back(std::thread(...)) is the thread's own construction, found on its own.
      if (m->getNumArgs() == 1 && record_name(strip(m->getArg(0))->getType()) == element) {
        return TaskStart::none;
      }
      return TaskStart::thread_container;
    }
    return TaskStart::none;
  }
  if (const auto* call = dyn_cast<CallExpr>(e)) {
    if (const auto* f = call->getDirectCallee(); f != nullptr && f->getQualifiedNameAsString() == "std::async") {
      return TaskStart::std_async;
    }
  }
  return TaskStart::none;
}

std::vector<const Expr*> task_arguments(const Expr* start) {
  std::vector<const Expr*> args;
  auto add = [&](const Expr* a) {
    if (a != nullptr && !isa<CXXDefaultArgExpr>(a)) args.push_back(a);
  };
  if (const auto* c = dyn_cast<CXXConstructExpr>(start)) {
    for (const Expr* a : c->arguments()) add(a);
  } else if (const auto* call = dyn_cast<CallExpr>(start)) {
    for (const Expr* a : call->arguments()) add(a);
    // std::async(policy, f, ...): skip the launch policy.
    if (task_start_kind(start) == TaskStart::std_async && !args.empty() &&
        record_name(args.front()->getType()).empty() &&
        args.front()->getType()->isEnumeralType()) {
      args.erase(args.begin());
    }
  }
  return args;
}

bool is_local(const ValueDecl* d) {
  const auto* v = dyn_cast_or_null<VarDecl>(d);
  return v != nullptr && v->hasLocalStorage();
}

std::vector<const LambdaCapture*> locals_captured_by_ref(const LambdaExpr* lambda) {
  std::vector<const LambdaCapture*> out;
  if (lambda == nullptr) return out;
  for (const LambdaCapture& c : lambda->captures()) {
    if (c.capturesVariable() && c.getCaptureKind() == LCK_ByRef && is_local(c.getCapturedVar())) {
      // A reference variable captured by reference refers to what it was bound to; only a
      // reference bound to a local would dangle, which we cannot see here: skip references.
      if (c.getCapturedVar()->getType()->isReferenceType()) continue;
      out.push_back(&c);
    }
  }
  return out;
}

std::vector<const DeclRefExpr*> locals_lent(const Expr* arg) {
  std::vector<const DeclRefExpr*> out;
  const Expr* e = strip(arg);
  if (const auto* call = dyn_cast<CallExpr>(e)) {
    const auto* f = call->getDirectCallee();
    if (f != nullptr && call->getNumArgs() == 1 &&
        (f->getQualifiedNameAsString() == "std::ref" || f->getQualifiedNameAsString() == "std::cref")) {
      if (const auto* d = dyn_cast<DeclRefExpr>(strip(call->getArg(0))); d && is_local(d->getDecl()) &&
          !d->getDecl()->getType()->isReferenceType()) {
        out.push_back(d);
      }
    }
  } else if (const auto* u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf) {
    if (const auto* d = dyn_cast<DeclRefExpr>(strip(u->getSubExpr())); d && is_local(d->getDecl()) &&
        !d->getDecl()->getType()->isReferenceType()) {
      out.push_back(d);
    }
  }
  return out;
}

namespace {

bool constant_true(const Expr* cond, const ASTContext* ctx) {
  if (cond == nullptr) return true;  // for (;;)
  cond = cond->IgnoreParenImpCasts();
  if (const auto* b = dyn_cast<CXXBoolLiteralExpr>(cond)) return b->getValue();
  if (const auto* i = dyn_cast<IntegerLiteral>(cond)) return i->getValue() != 0;
  (void)ctx;
  return false;
}

// Finds a way out of `loop`: return, throw, goto, a call to a [[noreturn]] function, or a
// break that belongs to `loop` (not to an inner loop or switch).
class ExitFinder : public RecursiveASTVisitor<ExitFinder> {
 public:
  bool found = false;
  int depth = 0;  // inner loops/switches a break would end instead

  bool TraverseLambdaExpr(LambdaExpr*) { return true; }  // another function's control flow
  bool VisitReturnStmt(ReturnStmt*) { return !(found = true); }
  bool VisitCXXThrowExpr(CXXThrowExpr*) { return !(found = true); }
  bool VisitGotoStmt(GotoStmt*) { return !(found = true); }
  bool VisitCoreturnStmt(CoreturnStmt*) { return !(found = true); }
  bool VisitCallExpr(CallExpr* c) {
    if (const auto* f = c->getDirectCallee(); f != nullptr && f->isNoReturn()) found = true;
    return !found;
  }
  bool VisitBreakStmt(BreakStmt*) {
    if (depth == 0) found = true;
    return !found;
  }
#define WEFT_NESTED(T)                         \
  bool Traverse##T(T* s) {                     \
    ++depth;                                   \
    bool r = RecursiveASTVisitor::Traverse##T(s); \
    --depth;                                   \
    return r;                                  \
  }
  WEFT_NESTED(ForStmt)
  WEFT_NESTED(WhileStmt)
  WEFT_NESTED(DoStmt)
  WEFT_NESTED(CXXForRangeStmt)
  WEFT_NESTED(SwitchStmt)
#undef WEFT_NESTED
};

class ChannelOpFinder : public RecursiveASTVisitor<ChannelOpFinder> {
 public:
  bool found = false;
  bool VisitCallExpr(CallExpr* c) {
    const auto* f = c->getDirectCallee();
    if (f == nullptr) return true;
    const std::string name = f->getQualifiedNameAsString();
    if (name.rfind("weft::select", 0) == 0) found = true;
    if (const auto* m = dyn_cast<CXXMethodDecl>(f)) {
      const std::string cls = m->getParent()->getQualifiedNameAsString();
      if (cls.rfind("weft::chan", 0) == 0 || cls.rfind("weft::send_only", 0) == 0 ||
          cls.rfind("weft::recv_only", 0) == 0 || cls.rfind("weft::detail::RecvOps", 0) == 0 ||
          cls.rfind("weft::detail::SendOps", 0) == 0) {
        found = true;
      }
    }
    return !found;
  }
};

}  // namespace

bool is_forever_loop(const Stmt* s) {
  if (const auto* f = dyn_cast_or_null<ForStmt>(s)) return constant_true(f->getCond(), nullptr);
  if (const auto* w = dyn_cast_or_null<WhileStmt>(s)) return constant_true(w->getCond(), nullptr);
  if (const auto* d = dyn_cast_or_null<DoStmt>(s)) return constant_true(d->getCond(), nullptr);
  return false;
}

bool loop_can_exit(const Stmt* loop) {
  const Stmt* body = nullptr;
  if (const auto* f = dyn_cast<ForStmt>(loop)) body = f->getBody();
  if (const auto* w = dyn_cast<WhileStmt>(loop)) body = w->getBody();
  if (const auto* d = dyn_cast<DoStmt>(loop)) body = d->getBody();
  if (body == nullptr) return true;
  ExitFinder finder;
  finder.TraverseStmt(const_cast<Stmt*>(body));
  return finder.found;
}

bool has_channel_op(const Stmt* s) {
  ChannelOpFinder finder;
  finder.TraverseStmt(const_cast<Stmt*>(s));
  return finder.found;
}

const LambdaExpr* enclosing_lambda(ASTContext& ctx, const Stmt* s) {
  DynTypedNodeList parents = ctx.getParents(*s);
  while (!parents.empty()) {
    const DynTypedNode& p = parents[0];
    if (const auto* l = p.get<LambdaExpr>()) return l;
    if (const auto* m = p.get<CXXMethodDecl>()) {
      // The body of a lambda's call operator: its parent is the lambda's class; find the
      // LambdaExpr through the class.
      if (m->getParent()->isLambda()) {
        parents = ctx.getParents(*m->getParent());
        while (!parents.empty()) {
          if (const auto* l = parents[0].get<LambdaExpr>()) return l;
          parents = ctx.getParents(parents[0]);
        }
        return nullptr;
      }
      return nullptr;
    }
    if (p.get<FunctionDecl>() != nullptr) return nullptr;
    parents = ctx.getParents(p);
  }
  return nullptr;
}

const Expr* consumer_of(ASTContext& ctx, const LambdaExpr* lambda) {
  const Expr* e = lambda;
  for (int i = 0; i < 8; ++i) {
    DynTypedNodeList parents = ctx.getParents(*e);
    if (parents.empty()) return nullptr;
    const auto* p = parents[0].get<Expr>();
    if (p == nullptr) return nullptr;
    if (task_start_kind(p) != TaskStart::none) return p;
    if (isa<CallExpr>(p) || isa<CXXConstructExpr>(p)) {
      if (!isa<CXXConstructExpr>(p) || cast<CXXConstructExpr>(p)->getNumArgs() != 1) return p;
    }
    e = p;
  }
  return nullptr;
}

}  // namespace weft::vet

namespace weft::vet {
const clang::Stmt* callable_body(const clang::Expr* callable) {
  using namespace clang;
  const Expr* e = strip(callable);
  if (const auto* l = dyn_cast_or_null<LambdaExpr>(e)) return l->getBody();
  if (const auto* u = dyn_cast_or_null<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf) {
    e = strip(u->getSubExpr());
  }
  if (const auto* d = dyn_cast_or_null<DeclRefExpr>(e)) {
    if (const auto* f = dyn_cast<FunctionDecl>(d->getDecl())) {
      if (const FunctionDecl* def = f->getDefinition()) return def->getBody();
    }
  }
  return nullptr;
}
}  // namespace weft::vet

namespace weft::vet {
bool waits_after(clang::ASTContext& ctx, const clang::Stmt* scope, const clang::Expr* start) {
  using namespace clang;
  using namespace clang::ast_matchers;
  auto wait = callExpr(anyOf(
      cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("wait", "recv", "recv_opt", "get", "join")))),
      callExpr(callee(functionDecl(hasName("::weft::select"))))));
  auto range = cxxForRangeStmt(
      hasRangeInit(expr(hasType(cxxRecordDecl(hasAnyName("::weft::chan", "::weft::recv_only"))))));
  const SourceManager& sm = ctx.getSourceManager();
  for (const auto& m : match(findAll(stmt(anyOf(wait, range)).bind("w")), *scope, ctx)) {
    const Stmt* w = m.getNodeAs<Stmt>("w");
    if (sm.isBeforeInTranslationUnit(start->getEndLoc(), w->getBeginLoc()) &&
        enclosing_lambda(ctx, w) == enclosing_lambda(ctx, start)) {
      return true;
    }
  }
  return false;
}
}  // namespace weft::vet

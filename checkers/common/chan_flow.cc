#include "chan_flow.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Analysis/CFG.h>

#include <map>
#include <memory>
#include <set>

#include "cfg_flow.h"
#include "weft_vet/tu_context.h"

namespace weft::vet {

bool is_chan_type(clang::QualType t) {
  const clang::CXXRecordDecl* r = t.getNonReferenceType()->getAsCXXRecordDecl();
  if (r == nullptr) return false;
  const std::string n = r->getQualifiedNameAsString();
  return n == "weft::chan" || n == "weft::send_only" || n == "weft::recv_only";
}

namespace {

using namespace clang;

// The local or parameter a channel expression names directly, or null.
const VarDecl* handle_var(const Expr* e) {
  if (e == nullptr) return nullptr;
  e = e->IgnoreParenImpCasts();
  if (const auto* c = dyn_cast<CXXConstructExpr>(e); c != nullptr && c->getNumArgs() == 1) {
    e = c->getArg(0)->IgnoreParenImpCasts();  // a view made from the handle: recv_only(ch)
  }
  const auto* d = dyn_cast<DeclRefExpr>(e);
  if (d == nullptr) return nullptr;
  const auto* v = dyn_cast<VarDecl>(d->getDecl());
  if (v == nullptr || !is_chan_type(v->getType()) || !v->hasLocalStorage()) return nullptr;
  return v;
}

bool calls(const Expr* e, llvm::StringRef qualified) {
  const auto* call = dyn_cast_or_null<CallExpr>(e ? e->IgnoreImplicit() : nullptr);
  const FunctionDecl* f = call != nullptr ? call->getDirectCallee() : nullptr;
  return f != nullptr && f->getQualifiedNameAsString() == qualified;
}

// Handles someone else may change: captured by reference, or passed by non-const reference or
// pointer. They are not followed.
class Escapes : public RecursiveASTVisitor<Escapes> {
 public:
  std::set<const VarDecl*> found;
  bool VisitLambdaExpr(LambdaExpr* lambda) {
    for (const LambdaCapture& c : lambda->captures()) {
      if (c.capturesVariable() && c.getCaptureKind() == LCK_ByRef) {
        if (const auto* v = dyn_cast<VarDecl>(c.getCapturedVar())) found.insert(v);
      }
    }
    return true;
  }
  bool VisitCallExpr(CallExpr* call) {
    const FunctionDecl* f = call->getDirectCallee();
    // A select case holds the handle only for the select: it does not change it.
    if (f != nullptr && (f->getQualifiedNameAsString() == "weft::case_recv" ||
                         f->getQualifiedNameAsString() == "weft::case_send")) {
      return true;
    }
    for (unsigned i = 0; i < call->getNumArgs(); ++i) {
      const Expr* a = call->getArg(i)->IgnoreParenImpCasts();
      if (const auto* u = dyn_cast<UnaryOperator>(a); u != nullptr && u->getOpcode() == UO_AddrOf) {
        if (const VarDecl* v = handle_var(u->getSubExpr())) found.insert(v);
        continue;
      }
      const VarDecl* v = handle_var(a);
      if (v == nullptr) continue;
      // By value or by const reference: a copy of the handle, which cannot re-point ours.
      const unsigned shift = isa<CXXOperatorCallExpr>(call) && isa<CXXMethodDecl>(f) ? 1 : 0;
      if (f == nullptr || i < shift || i - shift >= f->getNumParams()) continue;
      const QualType p = f->getParamDecl(i - shift)->getType();
      if (p->isReferenceType() && !p.getNonReferenceType().isConstQualified() &&
          !p->isRValueReferenceType()) {
        found.insert(v);
      }
    }
    return true;
  }
};

// Channel fields something in the TU may make: initialized in a constructor or an aggregate
// initialization, assigned, bound to a non-const reference or pointer, or decomposed.
class MadeFields : public RecursiveASTVisitor<MadeFields> {
 public:
  std::set<const FieldDecl*> made;
  bool VisitCXXConstructorDecl(CXXConstructorDecl* c) {
    for (const CXXCtorInitializer* init : c->inits()) {
      if (init->isWritten() && init->getMember() != nullptr) made.insert(init->getMember());
    }
    return true;
  }
  bool VisitInitListExpr(InitListExpr* list) {
    const RecordDecl* r = list->getType()->getAsRecordDecl();
    if (r == nullptr) return true;
    unsigned i = 0;
    for (const FieldDecl* f : r->fields()) {
      if (i++ < list->getNumInits()) made.insert(f);
    }
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr* op) {
    if (op->getOperator() == OO_Equal && op->getNumArgs() > 0) mark(op->getArg(0));
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator* op) {
    if (op->isAssignmentOp()) mark(op->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator* op) {
    if (op->getOpcode() == UO_AddrOf) mark(op->getSubExpr());
    return true;
  }
  bool VisitCallExpr(CallExpr* call) {
    const FunctionDecl* f = call->getDirectCallee();
    const unsigned shift = isa<CXXOperatorCallExpr>(call) && isa_and_nonnull<CXXMethodDecl>(f) ? 1 : 0;
    for (unsigned i = shift; i < call->getNumArgs(); ++i) {
      if (f == nullptr || i - shift >= f->getNumParams()) {
        mark(call->getArg(i));  // unknown parameter: assume it may change it
        continue;
      }
      const QualType p = f->getParamDecl(i - shift)->getType();
      if (p->isReferenceType() && !p.getNonReferenceType().isConstQualified()) mark(call->getArg(i));
    }
    return true;
  }
  bool VisitVarDecl(VarDecl* v) {
    // A reference bound to the field, or a structured binding of the object.
    if (v->getType()->isReferenceType() && !v->getType().getNonReferenceType().isConstQualified() &&
        v->getInit() != nullptr) {
      mark(v->getInit());
    }
    if (const auto* d = dyn_cast<DecompositionDecl>(v)) {
      if (const RecordDecl* r = d->getType().getNonReferenceType()->getAsRecordDecl()) {
        for (const FieldDecl* f : r->fields()) made.insert(f);
      }
    }
    return true;
  }

 private:
  void mark(const Expr* e) {
    const auto* m = dyn_cast_or_null<MemberExpr>(e ? e->IgnoreParenImpCasts() : nullptr);
    if (m != nullptr) {
      if (const auto* f = dyn_cast<FieldDecl>(m->getMemberDecl())) made.insert(f);
    }
  }
};

// A channel field no object of its class ever has made: copies of it are nil.
bool never_made(ASTContext& context, const FieldDecl* f) {
  if (f == nullptr || f->hasInClassInitializer() || !is_chan_type(f->getType()) ||
      f->getType()->isReferenceType() ||
      !context.getSourceManager().isInMainFile(f->getParent()->getLocation())) {
    return false;
  }
  struct Made {  // the TU's made channel fields, found once per TU over the code the user wrote
    bool scanned = false;
    std::set<const FieldDecl*> fields;
  };
  Made& made = TuContext::of(context).result<Made>();
  if (!made.scanned) {
    MadeFields scan;
    scan.TraverseAST(context);
    made.fields = std::move(scan.made);
    made.scanned = true;
  }
  return made.fields.count(f) == 0;
}

struct State {
  bool reached = false;
  std::map<const VarDecl*, ChanMask> chans;
  std::map<const VarDecl*, SourceLocation> closed_at;
};

class Analysis {
 public:
  Analysis(ASTContext& context, const FunctionDecl& function) : context_(context), function_(function) {}

  ChanFlow run() {
    const Stmt* body = function_.getBody();
    if (body == nullptr) return {};
    Escapes escapes;
    escapes.TraverseStmt(const_cast<Stmt*>(body));
    escaped_ = std::move(escapes.found);
    entry_ = captured_at_creation();
    LambdaScan lambdas;
    lambdas.TraverseStmt(const_cast<Stmt*>(body));
    lambdas_ = std::move(lambdas.found);
    CFG::BuildOptions options;
    cfg_ = CFG::buildCFG(&function_, const_cast<Stmt*>(body), &context_, options);
    if (!cfg_) return {};
    record_paths<State>(
        *cfg_, [this](const CFGBlock& b, State& s, bool record) { transfer(b, s, record); },
        [this](State& into, const State& from) { return join(into, from); },
        [this](const CFGBlock& b, const State& s) { record_exit(b, s); });
    return std::move(flow_);
  }

 private:
  ChanMask get(const State& s, const VarDecl* v) const {
    auto it = s.chans.find(v);
    if (it != s.chans.end()) return it->second;
    auto e = entry_.find(v);
    return e == entry_.end() ? kAnyChan : e->second;
  }

  // A lambda's call operator: the states its creator's flow saw its by-copy handles in.
  std::map<const VarDecl*, ChanMask> captured_at_creation() const {
    const auto* method = dyn_cast<CXXMethodDecl>(&function_);
    if (method == nullptr || !method->getParent()->isLambda() || !method->isConst()) return {};
    const auto* creator = dyn_cast<FunctionDecl>(method->getParent()->getDeclContext());
    if (creator == nullptr || !creator->hasBody()) return {};
    const ChanFlow& outer = chan_flow(context_, *creator);
    auto it = outer.captured.find(method->getParent());
    return it == outer.captured.end() ? std::map<const VarDecl*, ChanMask>{} : it->second;
  }

  // Lambdas made here that capture handles by copy.
  struct LambdaScan : RecursiveASTVisitor<LambdaScan> {
    std::vector<const LambdaExpr*> found;
    bool VisitLambdaExpr(LambdaExpr* lambda) {
      for (const LambdaCapture& c : lambda->captures()) {
        const auto* v = c.capturesVariable() ? dyn_cast<VarDecl>(c.getCapturedVar()) : nullptr;
        if (v != nullptr && c.getCaptureKind() == LCK_ByCopy && is_chan_type(v->getType())) {
          found.push_back(lambda);
          break;
        }
      }
      return true;
    }
  };

  // Record, for the lambdas made within `st`, their by-copy handles' states (first element seen).
  void record_captures(const Stmt* st, const State& s) {
    const SourceManager& sm = context_.getSourceManager();
    const SourceRange range = st->getSourceRange();
    for (const LambdaExpr* lambda : lambdas_) {
      const SourceLocation at = lambda->getBeginLoc();
      if (sm.isBeforeInTranslationUnit(at, range.getBegin()) ||
          sm.isBeforeInTranslationUnit(range.getEnd(), at)) {
        continue;
      }
      if (!recorded_.insert(lambda).second) continue;
      auto& states = flow_.captured[lambda->getLambdaClass()];
      for (const LambdaCapture& c : lambda->captures()) {
        const auto* v = c.capturesVariable() ? dyn_cast<VarDecl>(c.getCapturedVar()) : nullptr;
        if (v == nullptr || c.getCaptureKind() != LCK_ByCopy || !is_chan_type(v->getType())) continue;
        states[v] |= followed(v) ? get(s, v) : kAnyChan;
      }
    }
  }

  bool join(State& into, const State& from) const {
    if (!from.reached) return false;
    if (!into.reached) {
      into = from;
      return true;
    }
    bool changed = false;
    for (auto& [v, mask] : into.chans) {
      const ChanMask merged = mask | get(from, v);
      changed |= merged != mask;
      mask = merged;
    }
    for (const auto& [v, mask] : from.chans) {
      if (into.chans.count(v) == 0) {
        into.chans[v] = kAnyChan;
        changed = true;
      }
    }
    for (const auto& [v, at] : from.closed_at) into.closed_at.emplace(v, at);
    return changed;
  }

  bool followed(const VarDecl* v) const { return v != nullptr && escaped_.count(v) == 0; }

  // The state a handle starts in when it is declared or assigned from `init`.
  ChanMask initial(const Expr* init) const {
    if (init == nullptr) return kNil;
    const Expr* e = init->IgnoreImplicit();
    if (const auto* c = dyn_cast<CXXConstructExpr>(e)) {
      if (c->getNumArgs() == 0) return kNil;
      if (c->getNumArgs() == 1) e = c->getArg(0)->IgnoreImplicit();
    }
    if (calls(e, "weft::make_chan")) return kOpen;
    if (const auto* m = dyn_cast<MemberExpr>(e->IgnoreParenImpCasts());
        m != nullptr && never_made(context_, dyn_cast<FieldDecl>(m->getMemberDecl()))) {
      return kNil;
    }
    if (isa<InitListExpr>(e) && cast<InitListExpr>(e)->getNumInits() == 0) return kNil;
    return kAnyChan;
  }

  void event(bool record, ChanEvent e) {
    if (record) flow_.events.push_back(std::move(e));
  }

  ChanEvent make(ChanEvent::Kind kind, SourceLocation at, const VarDecl* v, const State& s) {
    ChanEvent e{kind, at, v->getNameAsString(), v};
    e.before = get(s, v);
    auto c = s.closed_at.find(v);
    if (c != s.closed_at.end()) e.closed_at = c->second;
    return e;
  }

  void transfer(const CFGBlock& block, State& s, bool record) {
    for (const CFGElement& element : block) {
      const auto cs = element.getAs<CFGStmt>();
      if (!cs) continue;
      const Stmt* st = cs->getStmt();
      if (record && !lambdas_.empty()) record_captures(st, s);
      if (const auto* decl = dyn_cast<DeclStmt>(st)) {
        for (const Decl* d : decl->decls()) {
          const auto* v = dyn_cast<VarDecl>(d);
          if (v != nullptr && is_chan_type(v->getType()) && !v->getType()->isReferenceType() &&
              followed(v)) {
            s.chans[v] = initial(v->getInit());
            s.closed_at.erase(v);
          }
        }
        continue;
      }
      if (const auto* op = dyn_cast<CXXOperatorCallExpr>(st);
          op != nullptr && op->getOperator() == OO_Equal && op->getNumArgs() == 2) {
        if (const VarDecl* v = handle_var(op->getArg(0)); followed(v)) {
          s.chans[v] = initial(op->getArg(1));
          s.closed_at.erase(v);
        }
        continue;
      }
      if (const auto* call = dyn_cast<CXXMemberCallExpr>(st)) {
        member_call(*call, s, record);
        continue;
      }
      if (const auto* call = dyn_cast<CallExpr>(st); call != nullptr && calls(call, "weft::select")) {
        select(*call, s, record);
      }
    }
    if (const auto* loop = dyn_cast_or_null<CXXForRangeStmt>(block.getTerminatorStmt())) {
      if (const VarDecl* v = handle_var(loop->getRangeInit()); followed(v)) {
        event(record, make(ChanEvent::Kind::receive, loop->getRangeInit()->getBeginLoc(), v, s));
      }
    }
  }

  void member_call(const CXXMemberCallExpr& call, State& s, bool record) {
    const VarDecl* v = handle_var(call.getImplicitObjectArgument());
    if (!followed(v) || call.getMethodDecl() == nullptr) return;
    const llvm::StringRef name = call.getMethodDecl()->getName();
    const SourceLocation at = call.getExprLoc();
    if (name == "close") {
      event(record, make(ChanEvent::Kind::close, at, v, s));
      s.closed_at.emplace(v, at);
      s.chans[v] = kClosed;
    } else if (name == "send" || name == "try_send") {
      ChanEvent e = make(ChanEvent::Kind::send, at, v, s);
      e.blocking = name == "send";
      event(record, std::move(e));
    } else if (name == "recv" || name == "recv_opt" || name == "try_recv") {
      ChanEvent e = make(ChanEvent::Kind::receive, at, v, s);
      e.blocking = name != "try_recv";
      event(record, std::move(e));
    }
  }

  void select(const CallExpr& call, const State& s, bool record) {
    bool has_default = false;
    bool all_followed = call.getNumArgs() > 0;
    std::vector<ChanMask> cases;
    for (const Expr* a : call.arguments()) {
      const auto* c = dyn_cast<CallExpr>(a->IgnoreImplicit());
      const FunctionDecl* f = c != nullptr ? c->getDirectCallee() : nullptr;
      const std::string n = f != nullptr ? f->getQualifiedNameAsString() : "";
      if (n == "weft::case_default") {
        has_default = true;
        continue;
      }
      const VarDecl* v = c != nullptr && c->getNumArgs() > 0 ? handle_var(c->getArg(0)) : nullptr;
      if (!followed(v)) {
        all_followed = false;
        continue;
      }
      cases.push_back(get(s, v));
      if (n == "weft::case_send") {
        ChanEvent e = make(ChanEvent::Kind::send, c->getExprLoc(), v, s);
        e.blocking = false;
        event(record, std::move(e));
      }
    }
    if (!has_default && all_followed && !cases.empty()) {
      ChanEvent e{ChanEvent::Kind::select_all, call.getExprLoc(), "", nullptr};
      e.cases = std::move(cases);
      event(record, std::move(e));
    }
  }

  void record_exit(const CFGBlock& block, const State& s) {
    ChanEvent e{ChanEvent::Kind::exit, exit_location(block, function_), "", nullptr};
    for (const auto& [v, where] : s.closed_at) e.closed.push_back(v);
    flow_.events.push_back(std::move(e));
  }

  ASTContext& context_;
  const FunctionDecl& function_;
  std::unique_ptr<CFG> cfg_;
  std::set<const VarDecl*> escaped_;
  std::map<const VarDecl*, ChanMask> entry_;  // a lambda's by-copy handles at its creation
  std::vector<const LambdaExpr*> lambdas_;    // made here, capturing handles by copy
  std::set<const LambdaExpr*> recorded_;
  ChanFlow flow_;
};

}  // namespace

const ChanFlow& chan_flow(ASTContext& context, const FunctionDecl& function) {
  return cached_per_tu<ChanFlow>(function, [&] { return Analysis(context, function).run(); });
}

}  // namespace weft::vet

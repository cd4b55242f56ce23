// weft-unbuffered-send-abandoned: a task sends on an unbuffered channel whose creator receives
// from it only inside selects that can take another case (a timeout, a done channel): when the
// other case wins, nobody will ever receive and the task blocks for ever.
#include <clang/AST/ParentMapContext.h>

#include "checkers/common/task_start_check.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

// The body of the function or lambda that contains s.
const Stmt* enclosing_body(ASTContext& ctx, const Stmt* s) {
  for (DynTypedNodeList p = ctx.getParents(*s); !p.empty(); p = ctx.getParents(p[0])) {
    if (const auto* f = p[0].get<FunctionDecl>()) return f->getBody();
    if (const auto* l = p[0].get<LambdaExpr>()) return l->getBody();
  }
  return nullptr;
}

// A channel made unbuffered: make_chan<T>() or make_chan<T>(0).
bool made_unbuffered(const VarDecl* v, ASTContext& ctx) {
  if (v == nullptr || !v->hasInit()) return false;
  const auto* call = dyn_cast<CallExpr>(v->getInit()->IgnoreImplicit());
  const FunctionDecl* f = call != nullptr ? call->getDirectCallee() : nullptr;
  if (f == nullptr || f->getQualifiedNameAsString() != "weft::make_chan") return false;
  if (call->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(call->getArg(0))) return true;
  Expr::EvalResult value;
  return call->getArg(0)->EvaluateAsInt(value, ctx) && value.Val.getInt() == 0;
}

bool inside(const SourceManager& sm, SourceRange outer, SourceLocation at) {
  return !sm.isBeforeInTranslationUnit(at, outer.getBegin()) &&
         !sm.isBeforeInTranslationUnit(outer.getEnd(), at);
}

class UnbufferedSendAbandoned : public TaskStartCheck {
 public:
  using TaskStartCheck::TaskStartCheck;

 protected:
  void on_task_start(const MatchFinder::MatchResult& r, const Expr* start, TaskStart kind,
                     const std::vector<const Expr*>& args) override {
    if (kind != TaskStart::weft_go) return;
    const LambdaExpr* lambda = as_lambda(args[0]);
    const Stmt* outer = enclosing_body(*r.Context, start);
    if (lambda == nullptr || outer == nullptr) return;
    const SourceManager& sm = *r.SourceManager;
    const SourceRange task = lambda->getSourceRange();
    auto sends = match(
        findAll(cxxMemberCallExpr(callee(cxxMethodDecl(hasName("send"))),
                                  on(declRefExpr(to(varDecl().bind("ch")))))
                    .bind("send")),
        *lambda->getBody(), *r.Context);
    for (const BoundNodes& b : sends) {
      const auto* ch = b.getNodeAs<VarDecl>("ch");
      const auto* send = b.getNodeAs<CXXMemberCallExpr>("send");
      if (inside(sm, task, ch->getLocation()) || !made_unbuffered(ch, *r.Context)) continue;
      const SourceLocation select = abandoning_select(r, *outer, task, ch);
      if (select.isInvalid()) continue;
      report(sm, send->getExprLoc(),
          "the task sends on unbuffered '" + ch->getNameAsString() + "', but its creator "
          "receives from it only in a select that can take another case; when that case wins "
          "nobody receives and the task blocks for ever (a leak) — give the channel room for "
          "the value: make_chan<T>(1)",
          {{select, "the creator may stop waiting here"},
           {ch->getLocation(), "'" + ch->getNameAsString() + "' is made unbuffered here"}});
    }
  }

 private:
  // Where the creator may give up: a select with a receive case on ch and another case, when
  // every receive of ch outside the task is such a case. Invalid when it always receives (a
  // plain recv or a range) or never receives here (it hands the channel on).
  static SourceLocation abandoning_select(const MatchFinder::MatchResult& r, const Stmt& outer,
                                          SourceRange task, const VarDecl* ch) {
    const SourceManager& sm = *r.SourceManager;
    auto is_ch = declRefExpr(to(varDecl(equalsNode(ch))));
    for (const BoundNodes& b :
         match(findAll(cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("recv", "recv_opt"))),
                                         on(is_ch))
                           .bind("r")),
               outer, *r.Context)) {
      if (!inside(sm, task, b.getNodeAs<Stmt>("r")->getBeginLoc())) return {};
    }
    for (const BoundNodes& b :
         match(findAll(cxxForRangeStmt(hasRangeInit(ignoringParenImpCasts(is_ch))).bind("r")), outer,
               *r.Context)) {
      if (!inside(sm, task, b.getNodeAs<Stmt>("r")->getBeginLoc())) return {};
    }
    SourceLocation found;
    auto select = callExpr(callee(functionDecl(hasName("::weft::select"))),
                           hasAnyArgument(ignoringImplicit(
                               callExpr(callee(functionDecl(hasName("::weft::case_recv"))),
                                        hasArgument(0, ignoringParenImpCasts(is_ch))))))
                      .bind("s");
    for (const BoundNodes& b : match(findAll(select), outer, *r.Context)) {
      const auto* s = b.getNodeAs<CallExpr>("s");
      if (inside(sm, task, s->getBeginLoc())) continue;
      if (s->getNumArgs() < 2) return {};  // the select waits for ch alone
      found = s->getBeginLoc();
    }
    return found;
  }
};

}  // namespace
std::unique_ptr<Check> make_unbuffered_send_abandoned(TuContext& tu) {
  return std::make_unique<UnbufferedSendAbandoned>(tu);
}
}  // namespace weft::vet

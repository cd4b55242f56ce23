// weft-channel-never-closed: a channel that a range (in this function or a task it starts)
// consumes until it is closed, while its owner — the code that makes it and sends on it —
// never closes it, or ends a sending task on a path that skips the close.
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include <map>

#include "checkers/common/chan_flow.h"
#include "checkers/common/function_check.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

class ChannelNeverClosed : public FunctionCheck {
 public:
  using FunctionCheck::FunctionCheck;

 protected:
  void on_function(const MatchFinder::MatchResult& r, const FunctionDecl& function) override {
    const auto& made = made_channels(*r.Context);
    const auto it = made.find(&function);
    if (it == made.end()) return;  // no channel made here: nothing to look for
    for (const VarDecl* ch : it->second) check_channel(r, *function.getBody(), ch);
  }

 private:
  // The channels made by weft::make_chan in each function of the TU, found in one walk (a
  // search of each function's body would cost the square of the nesting depth of lambdas).
  static const std::map<const FunctionDecl*, std::vector<const VarDecl*>>& made_channels(
      ASTContext& ctx) {
    struct Made {
      bool scanned = false;
      std::map<const FunctionDecl*, std::vector<const VarDecl*>> by_function;
    };
    Made& made = TuContext::of(ctx).result<Made>();
    if (made.scanned) return made.by_function;
    made.scanned = true;
    struct Scan : RecursiveASTVisitor<Scan> {
      Made* made;
      bool shouldVisitTemplateInstantiations() const { return true; }
      bool VisitVarDecl(VarDecl* v) {
        const auto* call = v->hasInit() ? dyn_cast<CallExpr>(v->getInit()->IgnoreImplicit()) : nullptr;
        const FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
        if (callee == nullptr || callee->getQualifiedNameAsString() != "weft::make_chan") return true;
        if (const auto* f = dyn_cast_or_null<FunctionDecl>(v->getParentFunctionOrMethod())) {
          made->by_function[f].push_back(v);
        }
        return true;
      }
    } scan;
    scan.made = &made;
    for (Decl* d : ctx.getTraversalScope()) scan.TraverseDecl(d);
    return made.by_function;
  }

  void check_channel(const MatchFinder::MatchResult& r, const Stmt& body, const VarDecl* ch) {
    ASTContext& ctx = *r.Context;
    auto ref = ignoringParenImpCasts(declRefExpr(to(varDecl(equalsNode(ch)))));
    auto on_ch = [&](llvm::StringRef method) {
      return match(findAll(cxxMemberCallExpr(callee(cxxMethodDecl(hasName(method))), on(ref))
                               .bind("call")),
                   body, ctx);
    };
    const auto closes = on_ch("close");
    const bool sends = !on_ch("send").empty() ||
                       !match(findAll(callExpr(callee(functionDecl(hasName("::weft::case_send"))),
                                               hasArgument(0, ref))),
                              body, ctx)
                            .empty();
    if (!sends) return;
    const auto ranges = match(
        findAll(cxxForRangeStmt(hasRangeInit(ignoringImplicit(anyOf(
                                    ref, cxxConstructExpr(hasArgument(0, ref))))))
                    .bind("range")),
        body, ctx);
    const bool returned = !match(findAll(returnStmt(hasReturnValue(ignoringImplicit(anyOf(
                                     ref, cxxConstructExpr(hasArgument(0, ref))))))),
                                 body, ctx)
                               .empty();
    if (closes.empty()) {
      // Nothing here closes it: flagged when a range here waits for the close, and no other
      // code it is handed to could close it.
      if (ranges.empty() || handed_to_a_call(ctx, body, ch)) return;
      report(*r.SourceManager, ch->getLocation(),
                       "'" + ch->getNameAsString() + "' is ranged over until it is closed, but "
                       "nothing closes it; when the senders finish, the range waits for ever (the "
                       "owner closes it after the last send — with several senders, a WaitGroup "
                       "and one closer task)",
                       {{ranges.front().getNodeAs<Stmt>("range")->getBeginLoc(), "ranged over here"}});
      return;
    }
    if (closes.size() != 1 || (ranges.empty() && !returned)) return;
    // One close, in a sending task: every path of that task must reach it.
    const auto* close = closes.front().getNodeAs<CXXMemberCallExpr>("call");
    const FunctionDecl* sender = enclosing_function(ctx, close);
    const auto* method = dyn_cast_or_null<CXXMethodDecl>(sender);
    if (method == nullptr || !method->getParent()->isLambda()) return;
    for (const ChanEvent& e : chan_flow(ctx, *sender).events) {
      if (e.kind != ChanEvent::Kind::exit ||
          std::find(e.closed.begin(), e.closed.end(), ch) != e.closed.end()) {
        continue;
      }
      report(*r.SourceManager, e.at,
                       "this path ends the task that sends on '" + ch->getNameAsString() +
                           "' without closing it, and its consumer waits for the close for ever "
                           "(close on every path: leave the loop with break, or close in a scope "
                           "guard)",
                       {{close->getExprLoc(), "the other paths close it here"}});
    }
  }

  // The function or lambda whose body holds n.
  template <class Node>
  static const FunctionDecl* enclosing_function(ASTContext& ctx, const Node* n) {
    for (DynTypedNodeList p = ctx.getParents(*n); !p.empty(); p = ctx.getParents(p[0])) {
      if (const auto* l = p[0].get<LambdaExpr>()) return l->getCallOperator();
      if (const auto* f = p[0].get<FunctionDecl>()) return f;
    }
    return nullptr;
  }

  // Whether the channel is given to a function that might close it (select cases and weft's
  // pattern helpers that only read aside).
  static bool handed_to_a_call(ASTContext& ctx, const Stmt& body, const VarDecl* ch) {
    auto ref = ignoringParenImpCasts(declRefExpr(to(varDecl(equalsNode(ch)))));
    for (const BoundNodes& b :
         match(findAll(callExpr(hasAnyArgument(anyOf(ref, ignoringImplicit(cxxConstructExpr(
                                                              hasArgument(0, ref))))))
                           .bind("c")),
               body, ctx)) {
      const auto* c = b.getNodeAs<CallExpr>("c");
      const FunctionDecl* f = c->getDirectCallee();
      const std::string n = f != nullptr ? f->getQualifiedNameAsString() : "";
      if (n != "weft::case_recv" && n != "weft::case_send" && !isa<CXXOperatorCallExpr>(c)) {
        return true;
      }
    }
    return false;
  }
};

}  // namespace
std::unique_ptr<Check> make_channel_never_closed(TuContext& tu) {
  return std::make_unique<ChannelNeverClosed>(tu);
}
}  // namespace weft::vet

// weft-thread-not-joined: a std::thread destroyed while joinable (std::terminate).
//
// Local threads and containers of threads: a may-analysis on the function's CFG, with the
// destructors of locals as CFG elements, so every path to a scope's end (return, break, the
// closing brace) and every throw is looked at, not the source order. A thread handed to
// anything that could join it later (a guard that holds a reference, a lambda that captures it
// by reference, a function it is passed to, a move) is no longer this function's to join.
// Member threads: see member_threads.cc.
#include <clang/AST/ParentMap.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Analysis/CFG.h>
#include <clang/Lex/Lexer.h>

#include <map>
#include <set>

#include "weft_vet/check.h"
#include "checkers/common/cfg_flow.h"
#include "checkers/common/concurrency_ast.h"
#include "member_threads.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

constexpr const char* kCheck = "weft-thread-not-joined";

bool is_thread_type(QualType t) {
  const auto* rd = t.getNonReferenceType()->getAsCXXRecordDecl();
  return rd != nullptr && rd->getQualifiedNameAsString() == "std::thread";
}

// A standard container (vector, deque, list, array, ...) whose elements are std::threads.
bool is_thread_container(QualType t) {
  const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      t.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace()) return false;
  const TemplateArgumentList& args = spec->getTemplateArgs();
  return args.size() > 0 && args[0].getKind() == TemplateArgument::Type &&
         is_thread_type(args[0].getAsType());
}

const Expr* skip_wrappers(const Expr* e) {
  while (true) {
    e = e->IgnoreParenImpCasts();
    if (const auto* c = dyn_cast<CXXConstructExpr>(e); c && c->getNumArgs() == 1 &&
                                                        c->getConstructor()->isMoveConstructor()) {
      e = c->getArg(0);
      continue;
    }
    if (const auto* m = dyn_cast<MaterializeTemporaryExpr>(e)) {
      e = m->getSubExpr();
      continue;
    }
    if (const auto* b = dyn_cast<CXXBindTemporaryExpr>(e)) {
      e = b->getSubExpr();
      continue;
    }
    return e;
  }
}

const VarDecl* var_of(const Expr* e) {
  if (e == nullptr) return nullptr;
  if (const auto* d = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts())) return dyn_cast<VarDecl>(d->getDecl());
  return nullptr;
}

// The variable whose element `e` is: `ts[i]`, `ts.at(i)`, `ts.back()` name one of ts's.
const VarDecl* container_of_element(const Expr* e) {
  const Expr* inner = e->IgnoreParenImpCasts();
  if (const auto* sub = dyn_cast<CXXOperatorCallExpr>(inner); sub && sub->getNumArgs() > 0) {
    return var_of(sub->getArg(0));
  }
  if (const auto* get = dyn_cast<CXXMemberCallExpr>(inner)) return var_of(get->getImplicitObjectArgument());
  return nullptr;
}

// Whether `body` joins, detaches or moves away `loop_var` (a range-for over a container).
bool ends_each(const Stmt* body, const VarDecl* loop_var) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl* v;
    bool found = false;
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr* c) {
      const auto* m = c->getMethodDecl();
      if (m && var_of(c->getImplicitObjectArgument()) == v &&
          (m->getName() == "join" || m->getName() == "detach")) {
        found = true;
      }
      return true;
    }
    bool VisitCallExpr(CallExpr* c) {  // std::move(t), or handed to a function
      if (isa<CXXMemberCallExpr>(c)) return true;
      for (const Expr* a : c->arguments()) found = found || var_of(a) == v;
      return true;
    }
  } finder;
  finder.v = loop_var;
  finder.TraverseStmt(const_cast<Stmt*>(body));
  return finder.found;
}

// What one tracked local may be at a point: joinable (a thread) or holding joinable threads
// (a container), and whether it was handed to code that may join it.
enum Bits : std::uint8_t { kJoinable = 1, kEscaped = 2 };

struct State {
  bool reached = false;
  std::vector<std::uint8_t> bits;
};

class ThreadNotJoined : public Check {
 public:
  using Check::Check;
  void register_matchers(MatchFinder& finder) override {
    finder.addMatcher(functionDecl(isDefinition(), hasBody(compoundStmt())).bind("function"), this);
    finder.addMatcher(lambdaExpr().bind("lambda"), this);
    finder.addMatcher(fieldDecl(hasType(cxxRecordDecl(hasName("::std::thread")))).bind("field"), this);
  }
  void run(const MatchFinder::MatchResult& r) override {
    if (const auto* f = r.Nodes.getNodeAs<FieldDecl>("field")) {
      members_.check(r, f);
      return;
    }
    const FunctionDecl* f = r.Nodes.getNodeAs<FunctionDecl>("function");
    if (const auto* lambda = r.Nodes.getNodeAs<LambdaExpr>("lambda")) f = lambda->getCallOperator();
    if (f != nullptr && f->hasBody() && seen_.insert(f).second) on_function(r, *f);
  }

 private:
  struct Var {
    const VarDecl* decl;
    bool container;
  };

  void on_function(const MatchFinder::MatchResult& r, const FunctionDecl& function) {
    // A template's pattern has unresolved calls and no implicit captures yet: its
    // instantiations are analysed instead.
    if (function.isDependentContext()) return;
    collect(function);
    if (vars_.empty()) return;
    CFG::BuildOptions options;
    options.AddImplicitDtors = true;
    options.setAllAlwaysAdd();
    std::unique_ptr<CFG> cfg = CFG::buildCFG(&function, function.getBody(), r.Context, options);
    if (!cfg) return;
    ParentMap parents(function.getBody());
    find_loop_joins(function, parents);
    sm_ = r.SourceManager;
    lang_ = &r.Context->getLangOpts();
    reported_.clear();
    auto transfer = [&](const CFGBlock& b, State& s, bool record) {
      for (const CFGElement& e : b) step(e, s, parents, record);
      // An index loop that joins the container's elements: once the loop's condition is
      // reached, the threads are the loop's to join (zero rounds: the container is empty).
      if (const auto it = loop_joins_.find(b.getTerminatorStmt()); it != loop_joins_.end()) {
        for (const VarDecl* v : it->second) *bits(s, v) &= ~kJoinable;
      }
    };
    auto join = [](State& into, const State& from) {
      bool changed = !into.reached;
      into.reached = true;
      if (into.bits.size() < from.bits.size()) into.bits.resize(from.bits.size(), 0);
      for (std::size_t i = 0; i < from.bits.size(); ++i) {
        const std::uint8_t merged = into.bits[i] | from.bits[i];
        changed = changed || merged != into.bits[i];
        into.bits[i] = merged;
      }
      return changed;
    };
    record_paths<State>(*cfg, transfer, join, [](const CFGBlock&, const State&) {});
  }

  void collect(const FunctionDecl& function) {
    vars_.clear();
    index_.clear();
    first_end_.clear();
    struct Locals : RecursiveASTVisitor<Locals> {
      std::vector<const VarDecl*> found;
      bool TraverseLambdaExpr(LambdaExpr*) { return true; }  // its body is its own function
      bool VisitVarDecl(VarDecl* v) {
        if (v->hasLocalStorage() && !isa<ParmVarDecl>(v) && !v->getType()->isReferenceType()) {
          found.push_back(v);
        }
        return true;
      }
    } locals;
    locals.TraverseStmt(function.getBody());
    for (const VarDecl* v : locals.found) {
      const bool thread = is_thread_type(v->getType());
      if (!thread && !is_thread_container(v->getType())) continue;
      index_[v] = vars_.size();
      vars_.push_back({v, !thread});
    }
  }

  std::uint8_t* bits(State& s, const VarDecl* v) {
    const auto it = index_.find(v);
    if (it == index_.end()) return nullptr;
    if (s.bits.size() < vars_.size()) s.bits.resize(vars_.size(), 0);
    return &s.bits[it->second];
  }

  void note_end(const VarDecl* v, SourceLocation at) {
    if (!first_end_.count(v)) first_end_[v] = at;
  }

  // One CFG element's effect on the state; with `record`, the findings it shows.
  void step(const CFGElement& e, State& s, ParentMap& parents, bool record) {
    if (const auto dtor = e.getAs<CFGAutomaticObjDtor>()) {
      std::uint8_t* b = bits(s, dtor->getVarDecl());
      if (b == nullptr) return;
      if (record && *b == kJoinable) report_destroyed(dtor->getVarDecl(), dtor->getTriggerStmt());
      *b = 0;
      return;
    }
    const auto cs = e.getAs<CFGStmt>();
    if (!cs) return;
    const Stmt* stmt = cs->getStmt();
    if (const auto* throw_expr = dyn_cast<CXXThrowExpr>(stmt)) {
      for (std::size_t i = 0; i < vars_.size() && i < s.bits.size(); ++i) {
        if (record && s.bits[i] == kJoinable) report_throw(vars_[i].decl, throw_expr);
      }
      return;
    }
    if (const auto* d = dyn_cast<DeclStmt>(stmt)) {
      for (const Decl* decl : d->decls()) {
        const auto* v = dyn_cast<VarDecl>(decl);
        std::uint8_t* b = v ? bits(s, v) : nullptr;
        if (b == nullptr) continue;
        *b = 0;
        const Expr* init = v->getInit() ? skip_wrappers(v->getInit()) : nullptr;
        if (init == nullptr) continue;
        if (const auto* c = dyn_cast<CXXConstructExpr>(init); c && c->getNumArgs() == 0) continue;
        if (isa<InitListExpr>(init) && cast<InitListExpr>(init)->getNumInits() == 0) continue;
        *b = kJoinable;  // started, or moved in from a thread that may run
      }
      return;
    }
    if (const auto* call = dyn_cast<CXXMemberCallExpr>(stmt)) {
      member_call(call, s);
      return;
    }
    if (const auto* op = dyn_cast<CXXOperatorCallExpr>(stmt)) {
      if (op->getOperator() == OO_Equal && op->getNumArgs() == 2) {
        if (std::uint8_t* b = bits(s, var_of(op->getArg(0)))) {
          const Expr* from = skip_wrappers(op->getArg(1));
          const auto* c = dyn_cast<CXXConstructExpr>(from);
          *b = (*b & kEscaped) | ((c && c->getNumArgs() == 0) ? 0 : kJoinable);
        }
      }
      return;
    }
    if (const auto* lambda = dyn_cast<LambdaExpr>(stmt)) {
      for (const LambdaCapture& c : lambda->captures()) {
        if (!c.capturesVariable() || c.getCaptureKind() != LCK_ByRef) continue;
        if (std::uint8_t* b = bits(s, dyn_cast<VarDecl>(c.getCapturedVar()))) {
          *b |= kEscaped;  // the lambda may join it (a scope guard), later or never
          note_end(cast<VarDecl>(c.getCapturedVar()), lambda->getBeginLoc());
        }
      }
      return;
    }
    if (const auto* ref = dyn_cast<DeclRefExpr>(stmt)) {
      const auto* v = dyn_cast<VarDecl>(ref->getDecl());
      std::uint8_t* b = bits(s, v);
      if (b == nullptr || handled_use(ref, parents, s)) return;
      *b |= kEscaped;  // passed by reference, moved, address taken, bound to a reference
      note_end(v, ref->getBeginLoc());
    }
  }

  // join/detach/swap on a thread; adding threads to a container; joining one of its elements.
  void member_call(const CXXMemberCallExpr* call, State& s) {
    const CXXMethodDecl* m = call->getMethodDecl();
    if (m == nullptr) return;
    const Expr* object = call->getImplicitObjectArgument();
    const llvm::StringRef name = m->getName();
    if (std::uint8_t* b = bits(s, var_of(object))) {
      const VarDecl* v = var_of(object);
      if (vars_[index_[v]].container) {
        if (name.starts_with("emplace") || name.starts_with("push") || name == "insert") {
          *b |= kJoinable;
        } else if (name == "swap") {
          *b |= kEscaped;
        }
        return;
      }
      if (name == "join" || name == "detach" || name == "swap") {
        *b &= ~kJoinable;
        if (name == "swap") *b |= kEscaped;
        note_end(v, call->getBeginLoc());
      }
      return;
    }
    // ts[i].join(), ts.back().detach(), ts.at(i).join(): the container's threads are taken care
    // of one by one (a loop over them, as far as this analysis can tell).
    if (name != "join" && name != "detach") return;
    const VarDecl* container = container_of_element(object);
    if (std::uint8_t* b = bits(s, container)) {
      *b &= ~kJoinable;
      note_end(container, call->getBeginLoc());
    }
  }

  // The loops whose bodies join elements of a tracked container (ts[i].join()).
  void find_loop_joins(const FunctionDecl& function, ParentMap& parents) {
    loop_joins_.clear();
    struct Joins : RecursiveASTVisitor<Joins> {
      std::vector<const CXXMemberCallExpr*> found;
      bool TraverseLambdaExpr(LambdaExpr*) { return true; }
      bool VisitCXXMemberCallExpr(CXXMemberCallExpr* c) {
        if (c->getMethodDecl() && (c->getMethodDecl()->getName() == "join" ||
                                   c->getMethodDecl()->getName() == "detach")) {
          found.push_back(c);
        }
        return true;
      }
    } joins;
    joins.TraverseStmt(function.getBody());
    for (const CXXMemberCallExpr* c : joins.found) {
      const VarDecl* container = container_of_element(c->getImplicitObjectArgument());
      if (container == nullptr || !index_.count(container)) continue;
      for (const Stmt* p = parents.getParent(c); p != nullptr; p = parents.getParent(p)) {
        if (isa<ForStmt>(p) || isa<WhileStmt>(p) || isa<DoStmt>(p)) {
          loop_joins_[p].push_back(container);
          break;
        }
      }
    }
  }

  // Uses of a tracked local that step() reads elsewhere (a member call on it, an assignment to
  // it, a range-for over it) or that cannot join or keep it (a read of the container's size).
  bool handled_use(const DeclRefExpr* ref, ParentMap& parents, State& s) {
    const Stmt* parent = parents.getParent(ref);
    while (parent != nullptr && (isa<ImplicitCastExpr>(parent) || isa<ParenExpr>(parent))) {
      parent = parents.getParent(parent);
    }
    if (parent == nullptr) return true;
    if (isa<MemberExpr>(parent)) return true;  // t.join(), ts.size(), ts.emplace_back(...)
    if (const auto* op = dyn_cast<CXXOperatorCallExpr>(parent)) {
      if (op->getNumArgs() > 0 && op->getArg(0)->IgnoreParenImpCasts() == ref &&
          (op->getOperator() == OO_Equal || op->getOperator() == OO_Subscript)) {
        return true;
      }
    }
    // for (auto& t : ts) t.join();  — the range variable's initializer is the container.
    if (const auto* d = dyn_cast<DeclStmt>(parent)) {
      if (const auto* loop = dyn_cast_or_null<CXXForRangeStmt>(parents.getParent(d));
          loop && loop->getRangeStmt() == d) {
        const auto* v = cast<VarDecl>(ref->getDecl());
        if (ends_each(loop->getBody(), loop->getLoopVariable())) {
          if (std::uint8_t* b = bits(s, v)) *b &= ~kJoinable;
          note_end(v, loop->getBeginLoc());
        }
        return true;
      }
    }
    return false;
  }

  // How a path leaves: "this return", "this break", "this throw", or the end of the scope.
  std::string macro_note(SourceLocation at) const {
    if (!at.isMacroID()) return "";
    SourceLocation loc = at;
    while (sm_->getImmediateMacroCallerLoc(loc).isMacroID()) loc = sm_->getImmediateMacroCallerLoc(loc);
    const llvm::StringRef macro = Lexer::getImmediateMacroName(loc, *sm_, *lang_);
    return macro.empty() ? "" : " (inside " + macro.str() + ": a failing assertion leaves here)";
  }

  std::vector<std::pair<SourceLocation, std::string>> notes(const VarDecl* v) const {
    std::vector<std::pair<SourceLocation, std::string>> n{
        {v->getLocation(), std::string("'") + v->getName().str() + "' " +
                               (container(v) ? "is declared here" : "starts here")}};
    if (const auto it = first_end_.find(v); it != first_end_.end()) {
      n.emplace_back(it->second, container(v) ? "its threads are joined here, on other paths"
                                              : "it is joined or handed on here, on other paths");
    }
    return n;
  }

  bool container(const VarDecl* v) const { return vars_[index_.at(v)].container; }

  std::string what(const VarDecl* v) const {
    return container(v) ? "'" + v->getName().str() + "' may still hold joinable std::threads"
                        : "std::thread '" + v->getName().str() + "' may still be joinable";
  }

  void report_throw(const VarDecl* v, const CXXThrowExpr* t) {
    if (!reported_.insert(v).second) return;
    report(*sm_, t->getBeginLoc(),
                     "this throw leaves the scope while " + what(v) +
                         (container(v) ? "; destroying a joinable std::thread calls std::terminate"
                                       : "; its destructor calls std::terminate") +
                         " (join before throwing, e.g. with a guard, or use std::jthread)",
                     notes(v));
  }

  void report_destroyed(const VarDecl* v, const Stmt* trigger) {
    if (!reported_.insert(v).second) return;
    const std::string consequence =
        container(v) ? "; destroying a joinable std::thread calls std::terminate (join every "
                       "thread on this path too, or use std::jthread)"
                     : "; its destructor calls std::terminate (join it on this path too, e.g. "
                       "with a guard, or use std::jthread)";
    if (!first_end_.count(v)) {
      report(*sm_, v->getLocation(),
                       container(v)
                           ? "the std::threads in '" + v->getName().str() +
                                 "' are never joined or detached; destroying a joinable "
                                 "std::thread calls std::terminate (join them, or use std::jthread)"
                           : "std::thread '" + v->getName().str() +
                                 "' is never joined or detached; its destructor calls "
                                 "std::terminate while the thread is joinable (join it, or use "
                                 "std::jthread)");
      return;
    }
    if (const auto* ret = dyn_cast_or_null<ReturnStmt>(trigger)) {
      report(*sm_, ret->getBeginLoc(),
                       "this return leaves the scope while " + what(v) +
                           macro_note(ret->getBeginLoc()) + consequence,
                       notes(v));
    } else if (trigger != nullptr && (isa<BreakStmt>(trigger) || isa<ContinueStmt>(trigger) ||
                                      isa<GotoStmt>(trigger))) {
      report(*sm_, trigger->getBeginLoc(),
                       std::string("this ") + trigger->getStmtClassName() +
                           " leaves the scope while " + what(v) + consequence,
                       notes(v));
    } else {
      SourceLocation at = trigger ? trigger->getEndLoc() : v->getLocation();
      if (const auto* block = dyn_cast_or_null<CompoundStmt>(trigger)) at = block->getRBracLoc();
      report(*sm_, at,
                       "at the end of its scope, " + what(v) + " on some path" + consequence,
                       notes(v));
    }
  }

  std::vector<Var> vars_;
  std::map<const VarDecl*, std::size_t> index_;
  std::map<const VarDecl*, SourceLocation> first_end_;
  std::map<const Stmt*, std::vector<const VarDecl*>> loop_joins_;
  std::set<const VarDecl*> reported_;
  const SourceManager* sm_ = nullptr;
  const LangOptions* lang_ = nullptr;
  std::set<const FunctionDecl*> seen_;
  MemberThreads members_{*this};
};

}  // namespace
std::unique_ptr<Check> make_thread_not_joined(TuContext& tu) { return std::make_unique<ThreadNotJoined>(tu); }
}  // namespace weft::vet

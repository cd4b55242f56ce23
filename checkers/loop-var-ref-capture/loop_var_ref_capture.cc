// weft-loop-var-ref-capture: a task started in a loop captures a per-iteration variable by
// reference (the book's salutation loop bug).
#include <clang/AST/ParentMapContext.h>
#include <clang/Analysis/Analyses/ExprMutationAnalyzer.h>

#include "checkers/common/task_start_check.h"
#include "checkers/common/loops.h"

#include <algorithm>

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

class LoopVarRefCapture : public TaskStartCheck {
 public:
  using TaskStartCheck::TaskStartCheck;

 protected:
  void on_task_start(const MatchFinder::MatchResult& r, const Expr* start, TaskStart kind,
                     const std::vector<const Expr*>& args) override {
    const LambdaExpr* lambda = as_lambda(args[0]);
    // One finding per task, naming every per-iteration variable it borrows.
    std::vector<std::pair<const LambdaCapture*, const VarDecl*>> borrowed;
    for (const LambdaCapture* c : locals_captured_by_ref(lambda)) {
      const auto* var = dyn_cast<VarDecl>(c->getCapturedVar());
      if (var == nullptr) continue;
      const Stmt* loop = loop_declaring(*r.Context, start, var);
      if (loop == nullptr || ends_within_iteration(r, start, kind, loop)) continue;
      borrowed.emplace_back(c, var);
    }
    if (borrowed.empty()) return;
    std::string names, copies, advice;
    std::vector<std::pair<SourceLocation, std::string>> notes;
    std::vector<FixItHint> fix;
    bool all_copyable = true;
    for (std::size_t i = 0; i < borrowed.size(); ++i) {
      const auto [c, var] = borrowed[i];
      const std::string name = "'" + var->getNameAsString() + "'";
      names += (i == 0 ? "" : i + 1 == borrowed.size() ? " and " : ", ") + name;
      notes.emplace_back(c->isImplicit() ? lambda->getCaptureDefaultLoc() : c->getLocation(),
                         name + " is captured by reference here");
      notes.emplace_back(var->getLocation(), name + " is declared inside the loop here");
      if (copyable(var->getType(), *r.Context) && !var->getType()->isReferenceType()) {
        copies += (copies.empty() ? "" : ", ") + var->getNameAsString();
      } else {
        all_copyable = false;
      }
      if (fix.size() == i) {  // every variable's edit, or none
        std::vector<FixItHint> one = copy_capture_fix(r, lambda, *c, var);
        fix.insert(fix.end(), one.begin(), one.end());
        if (one.empty()) fix.push_back({});
      }
    }
    if (fix.size() != borrowed.size() ||
        std::any_of(fix.begin(), fix.end(), [](const FixItHint& h) { return h.isNull(); })) {
      fix.clear();
    }
    if (all_copyable) {
      advice = "capture by value: [" + copies + "]";
    } else if (!copies.empty()) {
      advice = "capture [" + copies + "] by value; what cannot be copied must outlive the task: "
               "wait for the task before the iteration ends, or declare it outside the loop";
    } else {
      advice = "it cannot be copied: wait for the task before the iteration ends, or declare it "
               "outside the loop";
    }
    report(*r.SourceManager, start->getBeginLoc(),
        "the task captures " + names + " by reference, but " +
            (borrowed.size() == 1 ? "it is a per-iteration variable" : "they are per-iteration variables") +
            " of the enclosing loop; the task may run after the iteration ends and read a later "
            "value or a dead object (" + advice + ")",
        notes, fix);
  }

 private:
  // The fix: capture the variable by copy — `&i` becomes `i`, and `[&]` becomes `[&, i]`. Safe
  // only when the copy behaves as the reference did apart from its lifetime: the variable is
  // not a reference, its type can be copied, and the task never changes it or takes its
  // address (then each task reads the value of its own iteration, which is what was meant).
  static std::vector<FixItHint> copy_capture_fix(const MatchFinder::MatchResult& r,
                                                 const LambdaExpr* lambda, const LambdaCapture& c,
                                                 const VarDecl* var) {
    const QualType type = var->getType();
    if (type->isReferenceType() || var->isInitCapture() || !copyable(type, *r.Context)) return {};
    if (ExprMutationAnalyzer(*lambda->getBody(), *r.Context).isMutated(var)) return {};
    const SourceManager& sm = *r.SourceManager;
    if (c.isImplicit()) {
      const SourceLocation close = lambda->getIntroducerRange().getEnd();  // the ']'
      if (close.isMacroID()) return {};
      return {FixItHint::CreateInsertion(close, ", " + var->getNameAsString())};
    }
    // An explicit `&name`: the '&' is the last character before the name but for blanks.
    const SourceLocation name = c.getLocation();
    if (name.isMacroID()) return {};
    const char* at = sm.getCharacterData(name);
    const char* start = sm.getCharacterData(lambda->getIntroducerRange().getBegin());
    int back = 1;
    while (at - back > start && (at[-back] == ' ' || at[-back] == '\t')) ++back;
    if (at - back <= start || at[-back] != '&') return {};
    const SourceLocation amp = name.getLocWithOffset(-back);
    return {FixItHint::CreateRemoval(CharSourceRange::getCharRange(amp, amp.getLocWithOffset(1)))};
  }

  // The local container a member call adds to (emplace_back, push_back, emplace, insert, ...).
  static const VarDecl* container_of(const Expr* e) {
    const auto* call = dyn_cast<CXXMemberCallExpr>(e);
    if (call == nullptr || call->getMethodDecl() == nullptr) return nullptr;
    const llvm::StringRef name = call->getMethodDecl()->getName();
    if (!name.starts_with("emplace") && !name.starts_with("push") && name != "insert") return nullptr;
    const auto* ref = dyn_cast<DeclRefExpr>(call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    return ref != nullptr ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  }

  // A standard container of std::thread (not of futures or jthreads).
  static bool is_thread_container_type(QualType t) {
    const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
    if (spec == nullptr || spec->getTemplateArgs().size() == 0 ||
        spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type) {
      return false;
    }
    return record_name(spec->getTemplateArgs()[0].getAsType()) == "std::thread";
  }

  // Whether a capture by value would compile: a class needs a usable copy constructor (a
  // std::atomic or a mutex has none, though Clang may call it trivially copyable).
  static bool copyable(QualType type, const ASTContext& context) {
    const CXXRecordDecl* record = type->getAsCXXRecordDecl();
    if (record == nullptr) return type.isTriviallyCopyableType(context) || type->isScalarType();
    if (!record->hasDefinition()) return false;
    if (record->needsImplicitCopyConstructor()) return !record->defaultedCopyConstructorIsDeleted();
    for (const CXXConstructorDecl* ctor : record->ctors()) {
      if (ctor->isCopyConstructor() && !ctor->isDeleted() && ctor->getAccess() == AS_public) {
        return true;
      }
    }
    return false;
  }

  // A weft::go task the iteration waits for (a WaitGroup, a receive) ends with it; so does
  // a std::jthread or a std::async future held in a variable of the iteration ends (joins)
  // with the iteration; a std::thread variable joined in the loop body does too.
  static bool ends_within_iteration(const MatchFinder::MatchResult& r, const Expr* start,
                                    TaskStart kind, const Stmt* loop) {
    if (kind == TaskStart::weft_go) return waits_after(*r.Context, loop, start);
    // What keeps the task: a variable it initialises, or a container it is added to
    // (`fs.push_back(std::async(...))`, `threads.emplace_back(...)`).
    const VarDecl* holder = nullptr;
    bool in_container = false;
    if (kind == TaskStart::thread_container) {
      holder = container_of(start);
      in_container = true;
    }
    for (DynTypedNodeList p = r.Context->getParents(*start); holder == nullptr && !p.empty();
         p = r.Context->getParents(p[0])) {
      if (const auto* v = p[0].get<VarDecl>()) {
        holder = v;
        break;
      }
      if (const auto* add = p[0].get<CXXMemberCallExpr>()) {
        if (const VarDecl* c = container_of(add)) {
          holder = c;
          in_container = true;
          break;
        }
      }
      if (p[0].get<Expr>() == nullptr) break;
    }
    if (holder == nullptr) return false;  // a temporary: a discarded future is async-discarded's
    // The holder dies with the iteration (or an inner scope of it), and so ends the task.
    if (loop_declaring(*r.Context, start, holder) != loop) return false;
    if (kind == TaskStart::std_jthread || kind == TaskStart::std_async) return true;
    if (in_container && record_name(holder->getType()).find("jthread") == std::string::npos &&
        !is_thread_container_type(holder->getType())) {
      return true;  // futures of std::async: their destructors wait
    }
    // std::threads: joined in the loop body, one by one or through the container.
    auto joined = cxxMemberCallExpr(callee(cxxMethodDecl(hasName("join"))),
                                    on(declRefExpr(to(varDecl(equalsNode(holder))))));
    if (!match(findAll(joined), *loop, *r.Context).empty()) return true;
    if (!in_container) return false;
    auto each_joined = cxxForRangeStmt(
        hasRangeInit(ignoringImplicit(declRefExpr(to(varDecl(equalsNode(holder)))))),
        hasBody(stmt(anyOf(cxxMemberCallExpr(callee(cxxMethodDecl(hasName("join")))),
                           hasDescendant(cxxMemberCallExpr(callee(cxxMethodDecl(hasName("join")))))))));
    auto index_joined = cxxMemberCallExpr(
        callee(cxxMethodDecl(hasName("join"))),
        on(ignoringImplicit(cxxOperatorCallExpr(hasOverloadedOperatorName("[]"),
                                                hasArgument(0, declRefExpr(to(varDecl(equalsNode(holder)))))))));
    return !match(findAll(stmt(anyOf(each_joined, index_joined))), *loop, *r.Context).empty();
  }
};

}  // namespace
std::unique_ptr<Check> make_loop_var_ref_capture(TuContext& tu) {
  return std::make_unique<LoopVarRefCapture>(tu);
}
}  // namespace weft::vet

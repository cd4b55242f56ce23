// weft-bare-lock-unlock: `mu.lock(); ...; mu.unlock();` where the unlock ends the block, so an
// RAII guard declared at the lock would release the mutex at the same point (C++ Core
// Guidelines CP.20) — and also on an exception, which the manual pair does not. Always with a
// fix: the lock becomes a guard and the unlock goes.
//
// Only that shape is reported: unlocks followed by more statements in the block (Go's style of
// a short critical section) would need a new scope, which is a matter of taste; regions that
// return, throw, jump or hand the mutex to other code are left to the path checks.
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Lex/Lexer.h>

#include <cctype>

#include "weft_vet/check.h"
#include "checkers/common/lock_flow.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

struct ManualOp {
  const CXXMemberCallExpr* call;
  ObjectPath mutex;
  std::string type;  // the mutex's class: "weft::Mutex", "std::mutex"
  bool shared;       // the read side
  bool acquire;
};

// `mu.lock();` and its kin as a statement of their own, on a mutex weft-vet follows.
std::optional<ManualOp> manual_op(const Stmt* s) {
  const auto* call = dyn_cast<CXXMemberCallExpr>(s);
  if (call == nullptr || call->getMethodDecl() == nullptr) return std::nullopt;
  const QualType object = call->getMethodDecl()->getThisType()->getPointeeType();
  if (!is_followed_mutex(object.getUnqualifiedType())) return std::nullopt;
  const std::string type = call->getMethodDecl()->getParent()->getQualifiedNameAsString();
  const std::string m = call->getMethodDecl()->getNameAsString();
  ManualOp op{call, {}, type, false, false};
  if (m == "lock") {
    op.acquire = true;
  } else if (m == "rlock" || m == "lock_shared") {
    op.acquire = op.shared = true;
  } else if (m == "runlock" || m == "unlock_shared") {
    op.shared = true;
  } else if (m != "unlock") {
    return std::nullopt;
  }
  auto path = object_path_of(call->getImplicitObjectArgument());
  if (!path) return std::nullopt;
  op.mutex = *path;
  return op;
}

// What rules a region out: a way out of the block other than its end, or the mutex used.
class RegionScan : public RecursiveASTVisitor<RegionScan> {
 public:
  explicit RegionScan(const std::string& mutex_id) : mutex_id_(mutex_id) {}
  bool ruled_out = false;
  bool VisitReturnStmt(ReturnStmt*) { return !(ruled_out = true); }
  bool VisitGotoStmt(GotoStmt*) { return !(ruled_out = true); }
  bool VisitLabelStmt(LabelStmt*) { return !(ruled_out = true); }
  bool VisitBreakStmt(BreakStmt*) { return !(ruled_out = true); }
  bool VisitContinueStmt(ContinueStmt*) { return !(ruled_out = true); }
  bool VisitCXXThrowExpr(CXXThrowExpr*) { return !(ruled_out = true); }
  bool VisitCoreturnStmt(CoreturnStmt*) { return !(ruled_out = true); }
  bool VisitExpr(Expr* e) {
    if (isa<DeclRefExpr>(e) || isa<MemberExpr>(e)) {
      auto p = object_path_of(e);
      if (p && p->id == mutex_id_) ruled_out = true;
    }
    return !ruled_out;
  }

 private:
  std::string mutex_id_;
};

class BareLockUnlock : public Check {
 public:
  using Check::Check;
  void register_matchers(MatchFinder& finder) override {
    finder.addMatcher(compoundStmt().bind("block"), this);
  }

  void run(const MatchFinder::MatchResult& r) override {
    const auto* block = r.Nodes.getNodeAs<CompoundStmt>("block");
    const std::vector<const Stmt*> stmts(block->body_begin(), block->body_end());
    // The run of unlocks that ends the block.
    std::size_t first_unlock = stmts.size();
    while (first_unlock > 0) {
      auto op = manual_op(stmts[first_unlock - 1]);
      if (!op || op->acquire) break;
      --first_unlock;
    }
    // Matched from the last unlock back: guards declared at the locks, outermost first, are
    // destroyed in the reverse order, so each lock must come after the one matched before it.
    std::size_t floor = 0;  // the matched lock must lie at or after this statement
    for (std::size_t u = stmts.size(); u > first_unlock; --u) {
      const ManualOp unlock = *manual_op(stmts[u - 1]);
      std::optional<std::size_t> lock;
      for (std::size_t i = first_unlock; i > floor; --i) {
        auto op = manual_op(stmts[i - 1]);
        if (op && op->mutex.id == unlock.mutex.id) {
          if (op->acquire && op->shared == unlock.shared) lock = i - 1;
          break;  // the nearest operation on it decides
        }
      }
      if (!lock || !clean_region(stmts, *lock, u - 1, unlock.mutex.id)) return;
      report_pair(r, *manual_op(stmts[*lock]), unlock);
      floor = *lock + 1;
    }
  }

 private:
  // Nothing between the lock and its unlock leaves the block early or names the mutex.
  static bool clean_region(const std::vector<const Stmt*>& stmts, std::size_t lock,
                           std::size_t unlock, const std::string& mutex_id) {
    for (std::size_t i = lock + 1; i < unlock; ++i) {
      if (auto op = manual_op(stmts[i]); op && op->mutex.id == mutex_id) return false;
      if (manual_op(stmts[i])) continue;  // a nested pair of another mutex
      RegionScan scan(mutex_id);
      scan.TraverseStmt(const_cast<Stmt*>(stmts[i]));
      if (scan.ruled_out) return false;
    }
    return true;
  }

  void report_pair(const MatchFinder::MatchResult& r, const ManualOp& lock, const ManualOp& unlock) {
    const SourceManager& sm = *r.SourceManager;
    const LangOptions& lang = r.Context->getLangOpts();
    const Expr* object = lock.call->getImplicitObjectArgument();
    if (lock.call->getBeginLoc().isMacroID() || unlock.call->getBeginLoc().isMacroID()) return;
    std::string mutex = Lexer::getSourceText(
        CharSourceRange::getTokenRange(object->getSourceRange()), sm, lang).str();
    const auto* callee = dyn_cast<MemberExpr>(lock.call->getCallee()->IgnoreParens());
    if (callee != nullptr && callee->isArrow()) mutex = "*" + mutex;
    if (mutex.empty()) return;

    const std::string guard = lock.shared                 ? "std::shared_lock"
                              : lock.type == "weft::Mutex" ? "weft::MutexLock"
                                                           : "std::lock_guard";
    const std::string name = guard_name(lock.mutex, r.Nodes.getNodeAs<CompoundStmt>("block"), sm, lang);

    std::vector<FixItHint> fix;
    const SourceLocation lock_end = statement_end(lock.call, sm, lang);
    const SourceLocation unlock_end = statement_end(unlock.call, sm, lang);
    if (lock_end.isValid() && unlock_end.isValid()) {
      fix.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getCharRange(lock.call->getBeginLoc(), lock_end),
          guard + " " + name + "(" + mutex + ");"));
      fix.push_back(FixItHint::CreateRemoval(line_of(unlock.call->getBeginLoc(), unlock_end, sm)));
    }
    const std::string op = lock.shared ? "read-locked" : "locked";
    report(sm, lock.call->getExprLoc(),
        "'" + lock.mutex.name + "' is " + op + " and unlocked by hand, and the unlock ends the "
        "block: a " + guard + " declared here releases it at the same point, and also when "
        "something between throws, which leaves this mutex locked for ever (C++ Core "
        "Guidelines CP.20)",
        {{unlock.call->getExprLoc(), "the unlock the guard replaces"}}, fix);
  }

  // "hold_mu" for `mu` or `this->mu_`, "hold_first_mu" for `first.mu`; a name the block
  // already spells gets a number.
  static std::string guard_name(const ObjectPath& mutex, const CompoundStmt* block,
                                const SourceManager& sm, const LangOptions& lang) {
    std::string words = mutex.name;
    if (mutex.id.rfind("this.", 0) == 0) words = words.substr(words.rfind(':') + 1);
    std::string name = "hold_";
    for (char c : words) {
      if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
        name += c;
      } else if (name.back() != '_') {
        name += '_';
      }
    }
    while (name.back() == '_') name.pop_back();
    if (name == "hold") name = "hold_lock";
    const std::string text =
        Lexer::getSourceText(CharSourceRange::getTokenRange(block->getSourceRange()), sm, lang).str();
    auto spelled = [&](const std::string& n) {
      for (std::size_t at = text.find(n); at != std::string::npos; at = text.find(n, at + 1)) {
        const auto is_word = [&](std::size_t i) {
          return i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_');
        };
        if ((at == 0 || !is_word(at - 1)) && !is_word(at + n.size())) return true;
      }
      return false;
    };
    std::string unique = name;
    for (int n = 2; spelled(unique); ++n) unique = name + std::to_string(n);
    return unique;
  }

  // Just past the `;` that ends the call's statement, or invalid.
  static SourceLocation statement_end(const Expr* call, const SourceManager& sm,
                                      const LangOptions& lang) {
    SourceLocation end = Lexer::getLocForEndOfToken(call->getEndLoc(), 0, sm, lang);
    if (end.isInvalid() || end.isMacroID()) return {};
    bool invalid = false;
    const char* p = sm.getCharacterData(end, &invalid);
    if (invalid) return {};
    unsigned skip = 0;
    while (p[skip] == ' ' || p[skip] == '\t') ++skip;
    if (p[skip] != ';') return {};
    return end.getLocWithOffset(static_cast<int>(skip) + 1);
  }

  // The statement [begin, end), with its whole line when nothing else is on it.
  static CharSourceRange line_of(SourceLocation begin, SourceLocation end, const SourceManager& sm) {
    bool invalid = false;
    const char* b = sm.getCharacterData(begin, &invalid);
    if (invalid) return CharSourceRange::getCharRange(begin, end);
    const char* e = sm.getCharacterData(end, &invalid);
    int back = 0;
    while (b[back - 1] == ' ' || b[back - 1] == '\t') --back;
    int ahead = 0;
    while (e[ahead] == ' ' || e[ahead] == '\t') ++ahead;
    if (b[back - 1] != '\n' || (e[ahead] != '\n' && e[ahead] != '\r')) {
      return CharSourceRange::getCharRange(begin, end);
    }
    if (e[ahead] == '\r') ++ahead;
    return CharSourceRange::getCharRange(begin.getLocWithOffset(back), end.getLocWithOffset(ahead + 1));
  }
};

}  // namespace
std::unique_ptr<Check> make_bare_lock_unlock(TuContext& tu) { return std::make_unique<BareLockUnlock>(tu); }
}  // namespace weft::vet

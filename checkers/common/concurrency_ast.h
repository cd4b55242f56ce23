// What the checks share: recognising where a task or thread starts, what its callable captures,
// and loops that cannot end.
#pragma once

#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/Stmt.h>

#include <vector>

namespace weft::vet {

enum class TaskStart {
  none,
  weft_go,           // weft::go(f, args...)
  std_thread,        // std::thread(f, args...)
  std_jthread,       // std::jthread(f, args...)
  std_async,         // std::async([policy,] f, args...)
  thread_container,  // threads.emplace_back(f, args...) on a container of std::thread/jthread
};

// Whether `e` starts a task, and how.
TaskStart task_start_kind(const clang::Expr* e);
const char* to_string(TaskStart kind);

// The arguments of a task start after the callable's position is found: the callable first.
std::vector<const clang::Expr*> task_arguments(const clang::Expr* start);

// `e` without the implicit wrappers clang puts around a temporary or a conversion.
const clang::Expr* strip(const clang::Expr* e);
const clang::LambdaExpr* as_lambda(const clang::Expr* e);

// A variable with automatic storage (a local or a parameter), not static, not thread_local.
bool is_local(const clang::ValueDecl* d);

// The locals a lambda captures by reference (explicitly or through [&]).
std::vector<const clang::LambdaCapture*> locals_captured_by_ref(const clang::LambdaExpr* lambda);

// Locals handed to a task as std::ref/std::cref or as their address (&x).
std::vector<const clang::DeclRefExpr*> locals_lent(const clang::Expr* arg);

// A loop with a constant true condition (for(;;), while(true), do..while(true)).
bool is_forever_loop(const clang::Stmt* s);
// Whether control can leave `loop` other than by an exception thrown from a call: a break that
// ends it, a return, a throw, a goto, or a call that does not return ([[noreturn]]).
bool loop_can_exit(const clang::Stmt* loop);

// Whether `s` contains an operation on a weft channel or a weft::select.
bool has_channel_op(const clang::Stmt* s);

// The innermost lambda around `s` (via the parent map), or nullptr.
const clang::LambdaExpr* enclosing_lambda(clang::ASTContext& ctx, const clang::Stmt* s);
// The expression that takes `lambda` as an argument (through implicit wrappers), or nullptr.
const clang::Expr* consumer_of(clang::ASTContext& ctx, const clang::LambdaExpr* lambda);

// Names of a record's qualified spelling, e.g. "weft::chan" for weft::chan<int>.
std::string record_name(clang::QualType type);

}  // namespace weft::vet

#include <clang/ASTMatchers/ASTMatchers.h>

namespace weft::vet {
// Matches every expression task_start_kind() may accept (the callback still asks it).
inline clang::ast_matchers::internal::BindableMatcher<clang::Stmt> task_start_candidate() {
  using namespace clang::ast_matchers;
  return expr(anyOf(
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(
          ofClass(hasAnyName("::weft::go", "::std::thread", "::std::jthread"))))),
      callExpr(callee(functionDecl(hasName("::std::async")))),
      cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("emplace_back", "emplace", "emplace_front"))))));
}

// Whether, after `start` and within `scope`, the code that started the task waits:
// WaitGroup::wait, a receive, a range over a channel, a select, a future's get, a join. Not
// path-sensitive: a wait on some path counts, and it need not be for this task.
bool waits_after(clang::ASTContext& ctx, const clang::Stmt* scope, const clang::Expr* start);

// The function body a task runs, when its callable is a lambda or names a function.
const clang::Stmt* callable_body(const clang::Expr* callable);
}  // namespace weft::vet

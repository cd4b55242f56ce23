// TaskStartCheck: the base of checks that look at every place a task or thread starts. It
// matches the candidates, keeps the real task starts that have a callable, and hands each to
// on_task_start with its kind and arguments (the callable first).
#pragma once

#include <vector>

#include "weft_vet/check.h"
#include "concurrency_ast.h"

namespace weft::vet {

class TaskStartCheck : public Check {
 public:
  using Check::Check;
  void register_matchers(clang::ast_matchers::MatchFinder& finder) final {
    finder.addMatcher(task_start_candidate().bind("start"), this);
  }
  void run(const clang::ast_matchers::MatchFinder::MatchResult& r) final {
    const auto* start = r.Nodes.getNodeAs<clang::Expr>("start");
    const TaskStart kind = task_start_kind(start);
    if (kind == TaskStart::none) return;
    const std::vector<const clang::Expr*> args = task_arguments(start);
    if (args.empty()) return;
    on_task_start(r, start, kind, args);
  }

 protected:
  virtual void on_task_start(const clang::ast_matchers::MatchFinder::MatchResult& r,
                             const clang::Expr* start, TaskStart kind,
                             const std::vector<const clang::Expr*>& args) = 0;
};

}  // namespace weft::vet

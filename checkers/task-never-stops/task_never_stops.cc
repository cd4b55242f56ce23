// weft-task-never-stops: a task that loops for ever on channel operations with no way out.
#include "checkers/common/task_start_check.h"
#include "checkers/common/forever_loops.h"

namespace weft::vet {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

class TaskNeverStops : public TaskStartCheck {
 public:
  using TaskStartCheck::TaskStartCheck;

 protected:
  void on_task_start(const MatchFinder::MatchResult& r, const Expr* start, TaskStart kind,
                     const std::vector<const Expr*>& args) override {
    // A std::jthread has its own check (a stop_token is its way out).
    if (kind != TaskStart::weft_go && kind != TaskStart::std_thread &&
        kind != TaskStart::thread_container) {
      return;
    }
    for (const Stmt* loop : endless_loops(callable_body(args[0]))) {
      if (!has_channel_op(loop)) continue;
      report(*r.SourceManager, start->getBeginLoc(),
          "this task loops for ever on channel operations and nothing can stop it (no done "
          "channel or context case that returns); when its consumer goes away it blocks for "
          "ever and leaks (select on a done channel or ctx.done() and return)",
          {{loop->getBeginLoc(), "the loop with no way out"}});
      return;
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_task_never_stops(TuContext& tu) { return std::make_unique<TaskNeverStops>(tu); }
}  // namespace weft::vet

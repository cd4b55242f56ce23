#include "findings.h"

#include <cstddef>
#include <optional>
#include <string>

#include "bounded_dfs.h"
#include "model_runtime.h"
#include "replay_strategy.h"
#include "search.h"

namespace weft::harness {

Report shrink(Report found, Path& path, const std::function<void()>& program,
              const Options& options, StackPool& stacks) {
  constexpr std::size_t kExecutions = 2'000;  // per bound
  constexpr std::size_t kSteps = 1'000'000;   // in all
  Options quiet = options;
  quiet.progress = false;
  std::size_t steps = 0;
  for (std::size_t bound = 0; bound <= found.preemptions && steps < kSteps; ++bound) {
    BoundedDfs dfs(bound);
    ModelRuntime runtime(dfs, quiet, stacks);
    std::optional<Report> best;
    std::size_t best_steps = 0;
    for (std::size_t n = 0; n < kExecutions && steps < kSteps; ++n) {
      dfs.begin_execution();
      Report r = runtime.run(program);
      steps += runtime.events();
      if (r.verdict == found.verdict && (!best || runtime.events() < best_steps)) {
        r.preemptions = runtime.preemptions();
        best = std::move(r);
        best_steps = runtime.events();
        path = runtime.path();
      }
      if (!dfs.next_execution()) break;
    }
    if (best) {
      best->shrunk_from = found.preemptions;
      best->executions = found.executions;
      best->pruned = found.pruned;
      best->unfair = found.unfair;
      best->strategy = found.strategy;
      best->program = found.program;
      return *best;
    }
  }
  return found;
}

Report with_trace(Report found, const Path& path, const std::function<void()>& program,
                  const Options& options, StackPool& stacks) {
  ReplayStrategy replay(path);
  ModelRuntime runtime(replay, options, stacks);
  runtime.trace(true);
  Run again = run_one(runtime, program);
  if (again.report.verdict != found.verdict || !replay.mismatch().empty()) {
    found.message += "\n(the trace could not be recorded: running the same schedule again "
                     "gave a different execution; does the program read a clock or keep state "
                     "from one execution to the next?)";
    return found;
  }
  Report r = std::move(again.report);
  r.executions = found.executions;
  r.pruned = found.pruned;
  r.unfair = found.unfair;
  r.program = found.program;
  r.strategy = found.strategy;
  r.preemptions = runtime.preemptions();
  r.shrunk_from = found.shrunk_from;
  return r;
}

}  // namespace weft::harness

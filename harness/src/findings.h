// What happens to a finding before it is reported: shrunk to the fewest preemptions (then
// steps) a bounded search can show it with, and run once more with tracing on.
#pragma once

#include <functional>

#include "fiber_stack.h"
#include "path.h"
#include "weft/harness/explore.h"

namespace weft::harness {

// A finding with the same verdict and the fewest preemptions a bounded search finds (bound
// 0, 1, ... up to the finding's), and among those the fewest steps, within a budget of
// executions per bound and of steps in all (deterministic, unlike a time budget); else the
// finding as it was. `path` becomes the chosen one's.
Report shrink(Report found, Path& path, const std::function<void()>& program,
              const Options& options, StackPool& stacks);

// The search records no trace (it costs more than the rest of a step): a finding's execution
// is run once more from its path, recording. The program is deterministic (Dpor relies on it
// too), so the second run is the same execution; if it is not, the finding is kept as found.
Report with_trace(Report found, const Path& path, const std::function<void()>& program,
                  const Options& options, StackPool& stacks);

}  // namespace weft::harness

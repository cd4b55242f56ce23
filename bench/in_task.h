// in_task(f): runs f in a weft task and waits for it to return.
//
// Go runs a benchmark's body in a goroutine, so its loop's hand-offs are goroutine to
// goroutine. Each weft benchmark body runs in a task for the same reason: on the fiber runtime a
// hand-off between two tasks is a user-space switch, while one between a plain thread (the
// benchmark's) and a task is a kernel wake-up.
#pragma once

#include "weft/weft.h"

namespace weft_bench {

template <class F>
void in_task(F&& f) {
  weft::run(f);
}

}  // namespace weft_bench

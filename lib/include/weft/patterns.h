// The patterns of *Concurrency in Go*, chapter 4, generic over the element type. Every stage
// that starts a task takes a done channel (or a context's done()) and leaks nothing when the
// consumer stops early.
//
//   generators.h   generator, repeat, repeat_fn, take
//   stages.h       batch_stage, stream_stage
//   fan.h          fan_out, fan_in
//   or.h           or_channel, or_done
//   tee_bridge.h   tee, bridge
//   queue.h        buffered, chunked
//   result.h       result<T>, try_stage
#pragma once

#include "weft/patterns/done.h"
#include "weft/patterns/fan.h"
#include "weft/patterns/generators.h"
#include "weft/patterns/or.h"
#include "weft/patterns/queue.h"
#include "weft/patterns/result.h"
#include "weft/patterns/stages.h"
#include "weft/patterns/tee_bridge.h"

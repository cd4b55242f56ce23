// Go's sync package: WaitGroup, Mutex, RWMutex, Cond, Once, Pool; and atomics and tracked
// variables whose accesses the model checker sees.
#pragma once

#include "weft/atomic.h"
#include "weft/sync/cond.h"
#include "weft/sync/mutex.h"
#include "weft/sync/once.h"
#include "weft/sync/pool.h"
#include "weft/sync/rw_mutex.h"
#include "weft/sync/wait_group.h"

// Everything weft offers, in one include.
#pragma once

#include "weft/atomic.h"
#include "weft/blocking.h"
#include "weft/chan.h"
#include "weft/check.h"
#include "weft/context.h"
#include "weft/leak_check.h"
#include "weft/name.h"
#include "weft/panic.h"
#include "weft/patterns.h"
#include "weft/runtime_choice.h"
#include "weft/select.h"
#include "weft/sync.h"
#include "weft/task.h"
#include "weft/time.h"

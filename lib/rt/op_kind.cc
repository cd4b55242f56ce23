#include "weft/rt/runtime.h"

namespace weft::rt {

const char* to_string(OpKind kind) noexcept {
  switch (kind) {
    case OpKind::chan_send: return "send";
    case OpKind::chan_recv: return "recv";
    case OpKind::chan_close: return "close";
    case OpKind::select: return "select";
    case OpKind::spawn: return "spawn";
    case OpKind::task_exit: return "exit";
    case OpKind::timer_start: return "timer-start";
    case OpKind::timer_stop: return "timer-stop";
    case OpKind::sleep: return "sleep";
    case OpKind::lock: return "lock";
    case OpKind::try_lock: return "try-lock";
    case OpKind::unlock: return "unlock";
    case OpKind::rlock: return "rlock";
    case OpKind::runlock: return "runlock";
    case OpKind::wg_add: return "wg-add";
    case OpKind::wg_done: return "wg-done";
    case OpKind::wg_wait: return "wg-wait";
    case OpKind::cond_wait: return "cond-wait";
    case OpKind::cond_signal: return "cond-signal";
    case OpKind::cond_broadcast: return "cond-broadcast";
    case OpKind::once: return "once";
    case OpKind::atomic_load: return "atomic-load";
    case OpKind::atomic_store: return "atomic-store";
    case OpKind::atomic_rmw: return "atomic-rmw";
    case OpKind::var_read: return "var-read";
    case OpKind::var_write: return "var-write";
    case OpKind::blocking: return "blocking call";
    case OpKind::run_join: return "weft::run";
  }
  return "unknown";
}

}  // namespace weft::rt

// The registry: one row per check — its name (and so its folder, checkers/<name without
// "weft-">, with its README and testdata), its factory, its whole-codebase step, and whether it
// runs only when asked for. A new check is a folder and a row here.
#include "weft_vet/check.h"

namespace weft::vet {

std::unique_ptr<Check> make_async_discarded(TuContext&);
std::unique_ptr<Check> make_bare_lock_unlock(TuContext&);
std::unique_ptr<Check> make_blocking_under_lock(TuContext&);
std::unique_ptr<Check> make_channel_double_close(TuContext&);
std::unique_ptr<Check> make_channel_never_closed(TuContext&);
std::unique_ptr<Check> make_detach_borrows_locals(TuContext&);
std::unique_ptr<Check> make_double_lock(TuContext&);
std::unique_ptr<Check> make_jthread_ignores_stop(TuContext&);
std::unique_ptr<Check> make_lock_leak_on_path(TuContext&);
std::unique_ptr<Check> make_lock_order_inversion(TuContext&);
std::vector<Finding> finish_lock_order_inversion(std::span<const std::unique_ptr<TuSummary>>);
std::unique_ptr<TuSummary> load_lock_order_inversion(const llvm::json::Value&, std::string*);
std::unique_ptr<Check> make_loop_var_ref_capture(TuContext&);
std::unique_ptr<Check> make_mutex_copied(TuContext&);
std::unique_ptr<Check> make_nil_channel_op(TuContext&);
std::unique_ptr<Check> make_send_after_close(TuContext&);
std::unique_ptr<Check> make_task_never_stops(TuContext&);
std::unique_ptr<Check> make_task_ref_capture(TuContext&);
std::unique_ptr<Check> make_thread_not_joined(TuContext&);
std::unique_ptr<Check> make_unbuffered_send_abandoned(TuContext&);
std::unique_ptr<Check> make_unlock_unheld(TuContext&);
std::unique_ptr<Check> make_waitgroup_add_in_task(TuContext&);

std::span<const CheckRow> check_registry() {
  static const CheckRow rows[] = {
      {"weft-async-discarded", &make_async_discarded},
      {"weft-bare-lock-unlock", &make_bare_lock_unlock, nullptr, /*opt_in=*/true},  // CP.20: fires on correct code too
      {"weft-blocking-under-lock", &make_blocking_under_lock},
      {"weft-channel-double-close", &make_channel_double_close},
      {"weft-channel-never-closed", &make_channel_never_closed},
      {"weft-detach-borrows-locals", &make_detach_borrows_locals},
      {"weft-double-lock", &make_double_lock},
      {"weft-jthread-ignores-stop", &make_jthread_ignores_stop},
      {"weft-lock-leak-on-path", &make_lock_leak_on_path},
      {"weft-lock-order-inversion", &make_lock_order_inversion, &finish_lock_order_inversion,
       /*opt_in=*/false, &load_lock_order_inversion},
      {"weft-loop-var-ref-capture", &make_loop_var_ref_capture},
      {"weft-mutex-copied", &make_mutex_copied},
      {"weft-nil-channel-op", &make_nil_channel_op},
      {"weft-send-after-close", &make_send_after_close},
      {"weft-task-never-stops", &make_task_never_stops},
      {"weft-task-ref-capture", &make_task_ref_capture},
      {"weft-thread-not-joined", &make_thread_not_joined},
      {"weft-unbuffered-send-abandoned", &make_unbuffered_send_abandoned},
      {"weft-unlock-unheld", &make_unlock_unheld},
      {"weft-waitgroup-add-in-task", &make_waitgroup_add_in_task},
  };
  return rows;
}

}  // namespace weft::vet

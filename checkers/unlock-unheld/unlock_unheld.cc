// weft-unlock-unheld: a path that unlocks a mutex it does not hold — "unlock of unlocked
// mutex" — including an unlock by hand of a mutex a guard holds (the guard unlocks it again).
#include "checkers/common/lock_flow_check.h"

namespace weft::vet {
namespace {

using namespace clang;

class UnlockUnheld : public LockFlowCheck {
 public:
  using LockFlowCheck::LockFlowCheck;

 private:
  // Whether a guard of `key` may find it unlocked when it unlocks it at its scope's end: an
  // unlock by hand under a guard is fine when the code locks it again before (the "unlock
  // around slow work" idiom: `MutexLock l(&mu_); ... mu_.Unlock(); io(); mu_.Lock(); ...`).
  static bool guard_finds_it_free(const LockFlow& flow, const LockKey& key) {
    for (const LockEvent& g : flow.events) {
      if (g.kind == LockEvent::Kind::release && g.by_guard && g.key == key && (g.before & kFree)) {
        return true;
      }
    }
    return false;
  }

 protected:
  void on_flow(const ast_matchers::MatchFinder::MatchResult& r, const FunctionDecl&,
               const LockFlow& flow) override {
    for (const LockEvent& e : flow.events) {
      if (e.kind != LockEvent::Kind::release || e.by_guard) continue;
      if (e.manual_under_guard && guard_finds_it_free(flow, e.key)) {
        report(*r.SourceManager, e.at,
                         "'" + e.key.name + "' is unlocked by hand while a guard holds it; the "
                         "guard unlocks it again when it goes out of scope, and that unlock of "
                         "an unlocked mutex panics (or is undefined for std::mutex) — let the "
                         "guard unlock it, or use std::unique_lock and its unlock()",
                         acquired_at(flow, e.key));
      } else if (!e.manual_under_guard && always(e.before, kFree) && !flow.escaped(e.key)) {
        report(*r.SourceManager, e.at,
                         "'" + e.key.name + "' is unlocked on a path where it is not held; an "
                         "unlock of an unlocked mutex panics (\"sync: unlock of unlocked "
                         "mutex\") or is undefined for std::mutex");
      }
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_unlock_unheld(TuContext& tu) { return std::make_unique<UnlockUnheld>(tu); }
}  // namespace weft::vet

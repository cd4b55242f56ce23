// weft-lock-leak-on-path: a path out of a function (an early return, a throw, the end) on which
// a mutex the function locked by hand is still held, while other paths unlock it.
#include <algorithm>

#include "checkers/common/lock_flow_check.h"

namespace weft::vet {
namespace {

using namespace clang;

class LockLeakOnPath : public LockFlowCheck {
 public:
  using LockFlowCheck::LockFlowCheck;

 protected:
  void on_flow(const ast_matchers::MatchFinder::MatchResult& r, const FunctionDecl&,
               const LockFlow& flow) override {
    const auto& unlocked = flow.released_by_hand;
    for (const LockEvent& e : flow.events) {
      if (e.kind != LockEvent::Kind::exit) continue;
      for (const auto& [key, mask] : e.locks) {
        if (!always(mask, kHeld) ||
            std::find(unlocked.begin(), unlocked.end(), key.id) == unlocked.end() ||
            std::find(flow.held_at_entry.begin(), flow.held_at_entry.end(), key.id) !=
                flow.held_at_entry.end()) {
          continue;
        }
        report(*r.SourceManager, e.at,
                         "this path leaves the function with '" + key.name + "' still locked, "
                         "though other paths unlock it; the next lock of it waits for ever "
                         "(hold it with a guard — weft::MutexLock, std::lock_guard — so that "
                         "every path unlocks it)",
                         acquired_at(flow, key));
      }
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_lock_leak_on_path(TuContext& tu) {
  return std::make_unique<LockLeakOnPath>(tu);
}
}  // namespace weft::vet

// weft-blocking-under-lock: an operation that can block for ever — a channel send or receive,
// a range over a channel, a select without default, WaitGroup::wait, a join, future::get, a
// sleep, or a Cond wait while another lock is held — on a path that holds a mutex.
#include "checkers/common/lock_flow_check.h"

namespace weft::vet {
namespace {

using namespace clang;

class BlockingUnderLock : public LockFlowCheck {
 public:
  using LockFlowCheck::LockFlowCheck;

 protected:
  void on_flow(const ast_matchers::MatchFinder::MatchResult& r, const FunctionDecl&,
               const LockFlow& flow) override {
    for (const LockEvent& e : flow.events) {
      if (e.kind != LockEvent::Kind::blocking) continue;
      std::vector<const LockKey*> held;
      for (const auto& [key, mask] : e.locks) {
        if (always(mask, kHeld)) held.push_back(&key);
      }
      // A Cond wait releases its own lock while it waits; only another one stays held.
      if (held.empty() || (e.what == "Cond::wait" && held.size() < 2)) continue;
      std::string names;
      for (const LockKey* k : held) names += (names.empty() ? "'" : ", '") + k->name + "'";
      report(*r.SourceManager, e.at,
                       e.what + " while holding " + names + "; whoever must act to unblock it "
                       "(the other side of the channel, the task being waited for) may need "
                       "that lock first, and every other task that wants it waits too (unlock "
                       "before blocking; copy what you need under the lock)",
                       acquired_at(flow, *held.front()));
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_blocking_under_lock(TuContext& tu) {
  return std::make_unique<BlockingUnderLock>(tu);
}
}  // namespace weft::vet

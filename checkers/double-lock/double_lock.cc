// weft-double-lock: a path that locks a non-recursive mutex it already holds (self-deadlock),
// directly or through a call to a method that locks it; and a read lock taken twice on an
// RWMutex (it deadlocks as soon as a writer waits in between).
#include "checkers/common/lock_flow_check.h"

namespace weft::vet {
namespace {

using namespace clang;

class DoubleLock : public LockFlowCheck {
 public:
  using LockFlowCheck::LockFlowCheck;

 protected:
  void on_flow(const ast_matchers::MatchFinder::MatchResult& r, const FunctionDecl&,
               const LockFlow& flow) override {
    for (const LockEvent& e : flow.events) {
      if (e.kind != LockEvent::Kind::acquire) continue;
      std::string why;
      if (!e.shared && always(e.before, kHeld)) {
        why = "a mutex is not recursive: this task now waits for itself for ever";
      } else if (e.shared && always(e.before, kExclusive)) {
        why = "a read lock waits for the write lock this task holds: it waits for itself";
      } else if (e.shared && e.key.rw && always(e.before, kShared | kSharedTwice)) {
        why = "if a writer starts waiting between the two read locks, the second waits for the "
              "writer and the writer for the first: a deadlock (take the read lock once)";
      } else {
        continue;
      }
      const std::string mode = e.shared ? "read-locks" : "locks";
      auto notes = acquired_at(flow, e.key);
      std::string what;
      if (e.callee_acquire.isValid()) {
        what = "calls '" + e.what + "', which " + mode + " '" + e.key.name +
               "', while this path already holds it; ";
        notes.emplace_back(e.callee_acquire, "'" + e.what + "' locks it here");
      } else {
        what = "this " + std::string(e.shared ? "read lock" : "lock") + " of '" + e.key.name +
               "' comes while this path already holds it; ";
      }
      report(*r.SourceManager, e.at, what + why, notes);
    }
  }
};

}  // namespace
std::unique_ptr<Check> make_double_lock(TuContext& tu) { return std::make_unique<DoubleLock>(tu); }
}  // namespace weft::vet

// Lock state along every path of a function: a forward dataflow over Clang's CFG that follows
// std::mutex, std::timed_mutex, std::shared_mutex, weft::Mutex and weft::RWMutex through
// lock()/unlock() calls, std::lock, and RAII guards (weft::MutexLock, std::lock_guard,
// std::unique_lock, std::scoped_lock, std::shared_lock, and a codebase's own guard classes: a
// constructor that keeps a mutex argument in a member and locks it, a destructor that unlocks
// it), early returns, throw, break/continue, goto and loops.
// The lock checks (double-lock, unlock-unheld, lock-leak-on-path, blocking-under-lock) read the
// events it records; the analysis runs once per function and is shared by them.
//
// A lock is named by the declarations that reach it: a local or parameter `mu`, a member
// `this->mu_` (written "C::mu_"), `obj.mu`, `p->mu`. A lock reached any other way (an array
// element, a call's result) is not followed. Recursive mutexes are not followed.
//
// States are sets of what may hold on the paths that reach a point (a bit per state); the checks
// report only what holds on every path reaching it, so correlated branches (`if (c) lock(); ...
// if (c) unlock();`) stay silent. At a function's entry a lock the function itself acquires is
// taken to be free (it would deadlock otherwise); any other lock is unknown there.
#pragma once

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace weft::vet {

// The state of one lock, as a set: which of these may hold here.
enum LockBit : std::uint8_t {
  kFree = 1,        // not held by this task
  kExclusive = 2,   // held for writing / held
  kShared = 4,      // held for reading once
  kSharedTwice = 8  // held for reading twice or more
};
using LockMask = std::uint8_t;
constexpr LockMask kAnyState = kFree | kExclusive | kShared | kSharedTwice;
constexpr LockMask kHeld = kExclusive | kShared | kSharedTwice;

// How an object is reached: from a variable or `this`, through members. Enough to name it
// outside the function (lock-order-inversion names a lock by its declaration, and an object of a
// caller by the caller's variable).
struct Access {
  const clang::ValueDecl* root = nullptr;        // the variable; nullptr: `this`
  std::vector<const clang::ValueDecl*> members;  // the members on the way, outermost first
  bool indirect = false;  // through a smart pointer, or a dereference after a member
};

// An object reached through declarations (a lock, or the object a call is made on).
struct ObjectPath {
  std::string id;    // identity within one function: the declarations on the way
  std::string name;  // for people: "mu", "Account::mu", "a.mu"
  Access access;
};

// The path of an expression naming an object (`&x` names x), if it has one.
std::optional<ObjectPath> object_path_of(const clang::Expr* e);

struct LockKey {
  std::string id;    // identity: the declarations on the way to the lock
  std::string name;  // for people: "mu", "Account::mu", "a.mu"
  bool rw = false;   // has a shared mode (RWMutex, shared_mutex)
  Access access;
  friend bool operator==(const LockKey& a, const LockKey& b) { return a.id == b.id; }
};

struct LockEvent {
  enum class Kind {
    acquire,   // lock / rlock / a guard's construction / a callee that takes the lock
    release,   // unlock / runlock / a guard's destruction
    blocking,  // an operation that can block for ever (a channel op, a wait, a join, a sleep)
    exit,      // a path leaves the function (return, throw, the closing brace)
    call,      // a call to another function (not a lock operation)
  };
  Kind kind;
  clang::SourceLocation at;
  LockKey key;             // acquire and release
  bool shared = false;     // acquire/release of the read side
  bool by_guard = false;   // through an RAII guard (its construction or destruction)
  bool manual_under_guard = false;  // release by hand of a lock a live guard holds
  clang::SourceLocation callee_acquire;  // acquire through a call: where the callee locks
  std::string what;        // blocking: what blocks ("a channel send"); acquire via call: callee
  LockMask before = kAnyState;  // acquire/release: the lock's state just before
  // acquire, call, blocking and exit: every lock's state (just before, for an acquire; locks
  // taken together by one std::scoped_lock or std::lock are not in each other's)
  std::vector<std::pair<LockKey, LockMask>> locks;
  const clang::CallExpr* call = nullptr;  // call
};

struct LockFlow {
  std::vector<LockEvent> events;
  // Locks the function releases by hand (unlock()/runlock(), not through a guard).
  std::vector<std::string> released_by_hand;
  // Locks other code may take or release: captured by reference by a lambda (a task, say) or
  // passed by reference or pointer to a call. A weft::Mutex, like Go's, may be unlocked by a
  // task other than the one that locked it, so an unlock of such a lock proves nothing.
  std::vector<std::string> escaped_ids;
  bool escaped(const LockKey& key) const;
  // Locks held when the function is called (its REQUIRES/RELEASE attributes, or an unlock that
  // comes before any lock of it): leaving with them held is what it should do.
  std::vector<std::string> held_at_entry;
};

// Whether a type is a mutex the lock checks follow (a class, not a pointer or reference to one):
// std::mutex, std::timed_mutex, std::shared_mutex, std::shared_timed_mutex, weft::Mutex,
// weft::RWMutex. Recursive mutexes are not.
bool is_followed_mutex(clang::QualType t);

// The events of one function body (memoized per function for the current AST).
const LockFlow& lock_flow(clang::ASTContext& context, const clang::FunctionDecl& function);

// Whether every path reaching a point has the lock in one of `states` (and some path reaches it).
inline bool always(LockMask mask, LockMask states) { return mask != 0 && (mask & ~states) == 0; }

}  // namespace weft::vet

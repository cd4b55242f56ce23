#include "lock_flow.h"

#include <clang/AST/Attr.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Analysis/CFG.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "cfg_flow.h"
#include "weft_vet/tu_context.h"

namespace weft::vet {
namespace {

using namespace clang;

// ---- what the types are ----------------------------------------------------------------------

enum class MutexKind { none, plain, rw, recursive };

const CXXRecordDecl* record_of(QualType t) {
  t = t.getNonReferenceType();
  if (const auto* p = t->getAs<PointerType>()) t = p->getPointeeType();
  return t->getAsCXXRecordDecl();
}

std::string record_name(QualType t) {
  const CXXRecordDecl* r = record_of(t);
  return r == nullptr ? "" : r->getQualifiedNameAsString();
}

MutexKind mutex_kind(QualType t);

// ---- locks as real code writes them ------------------------------------------------------------
// Besides the standard and weft mutexes: absl::Mutex; any class Clang's thread-safety attributes
// mark as a capability (`capability("mutex")`, `lockable`); and an unannotated wrapper, a class
// with a method that locks a member mutex and one that unlocks it (port::Mutex { std::mutex mu_;
// void Lock() { mu_.lock(); } ... }).

enum class Op { none, acquire, release, acquire_shared, release_shared, maybe_acquire };

// What a call of `m` on a lock object does: by its thread-safety attribute when it has one (on a
// capability's own method it names no argument: it acts on *this), else by its name.
Op mutex_op(const FunctionDecl* m) {
  if (m == nullptr) return Op::none;
  if (const auto* a = m->getAttr<AcquireCapabilityAttr>(); a != nullptr && a->args_size() == 0) {
    return a->isShared() ? Op::acquire_shared : Op::acquire;
  }
  if (const auto* a = m->getAttr<TryAcquireCapabilityAttr>(); a != nullptr && a->args_size() == 0) {
    return Op::maybe_acquire;
  }
  if (const auto* a = m->getAttr<ReleaseCapabilityAttr>(); a != nullptr && a->args_size() == 0) {
    return a->isShared() ? Op::release_shared : Op::release;
  }
  const llvm::StringRef method = m->getName();
  if (method == "lock" || method == "Lock" || method == "WriterLock" || method == "WriteLock") {
    return Op::acquire;
  }
  if (method == "unlock" || method == "Unlock" || method == "WriterUnlock" || method == "WriteUnlock") {
    return Op::release;
  }
  if (method == "rlock" || method == "lock_shared" || method == "ReaderLock" ||
      method == "ReadLock" || method == "LockShared") {
    return Op::acquire_shared;
  }
  if (method == "runlock" || method == "unlock_shared" || method == "ReaderUnlock" ||
      method == "ReadUnlock" || method == "UnlockShared") {
    return Op::release_shared;
  }
  if (method.starts_with("try_") || method.starts_with("Try") || method.starts_with("ReaderTry")) {
    return Op::maybe_acquire;
  }
  return Op::none;
}

const FieldDecl* this_member(const Expr* e);

// The member mutex a method locks or unlocks, itself or by calling such a method of its own
// class (depth-limited); null if it touches none or several.
const FieldDecl* forwarded_member(const FunctionDecl* f, bool acquire, bool& shared, int depth);

// Is `record` a lock (and which kind), by attributes or by being a wrapper? Computed once per
// record of the current translation unit.
MutexKind record_lock_kind(const CXXRecordDecl* record) {
  struct Kinds {  // per record of the TU
    std::map<const CXXRecordDecl*, MutexKind> of;
  };
  record = record->getDefinition();
  if (record == nullptr) return MutexKind::none;
  std::map<const CXXRecordDecl*, MutexKind>& cache =
      TuContext::of(record->getASTContext()).result<Kinds>().of;
  if (record == nullptr) return MutexKind::none;
  if (auto it = cache.find(record); it != cache.end()) return it->second;
  cache[record] = MutexKind::none;  // while it is computed: a wrapper of itself is none
  bool acquires = false, releases = false, shared = false;
  for (const CXXMethodDecl* m : record->methods()) {
    const Op op = mutex_op(m);
    if (op == Op::acquire_shared) shared = true;
    const bool attributed = m->hasAttr<AcquireCapabilityAttr>() || m->hasAttr<ReleaseCapabilityAttr>();
    bool member_shared = false;
    if (op == Op::acquire && (attributed || forwarded_member(m, true, member_shared, 0))) acquires = true;
    if (op == Op::release && (attributed || forwarded_member(m, false, member_shared, 0))) releases = true;
  }
  MutexKind kind = MutexKind::none;
  const auto* capability = record->getAttr<CapabilityAttr>();
  if ((capability != nullptr && capability->getName() != "role") || (acquires && releases)) {
    kind = shared ? MutexKind::rw : MutexKind::plain;
  }
  return cache[record] = kind;
}

MutexKind mutex_kind(QualType t) {
  const std::string n = record_name(t);
  if (n == "weft::Mutex" || n == "std::mutex" || n == "std::timed_mutex") return MutexKind::plain;
  if (n == "weft::RWMutex" || n == "std::shared_mutex" || n == "std::shared_timed_mutex" ||
      n == "absl::Mutex") {
    return MutexKind::rw;
  }
  if (n == "std::recursive_mutex" || n == "std::recursive_timed_mutex") return MutexKind::recursive;
  if (n.empty() || llvm::StringRef(n).starts_with("std::")) return MutexKind::none;
  return record_lock_kind(record_of(t));
}

bool is_guard(const std::string& n) {
  return n == "weft::MutexLock" || n == "std::lock_guard" || n == "std::unique_lock" ||
         n == "std::scoped_lock" || n == "std::shared_lock";
}

std::string pointer_text(const void* p) { return std::to_string(reinterpret_cast<std::uintptr_t>(p)); }

// ---- naming a lock ---------------------------------------------------------------------------

using Path = ObjectPath;

bool is_pointer_like(QualType t) {
  return t->isPointerType() || t->isReferenceType();
}

std::optional<Path> path_of(const Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (const auto* d = dyn_cast<DeclRefExpr>(e)) {
    Path p{"d" + pointer_text(d->getDecl()), d->getDecl()->getNameAsString()};
    p.access.root = d->getDecl();
    return p;
  }
  if (isa<CXXThisExpr>(e)) return Path{"this", "this"};
  if (const auto* m = dyn_cast<MemberExpr>(e)) {
    const ValueDecl* member = m->getMemberDecl();
    const Expr* base = m->getBase()->IgnoreParenImpCasts();
    std::optional<Path> b;
    if (isa<CXXThisExpr>(base)) {
      const auto* record = dyn_cast<CXXRecordDecl>(member->getDeclContext());
      b = Path{"this", record != nullptr ? record->getNameAsString() + ":" : "this"};
    } else {
      b = path_of(base);
      if (!b) return std::nullopt;
      if (m->isArrow()) {
        b->id += "*";
        // The object is somewhere else than where its holder is: not one fixed object.
        if (!b->access.members.empty()) b->access.indirect = true;
      }
    }
    if (!b->access.members.empty() && is_pointer_like(b->access.members.back()->getType())) {
      b->access.indirect = true;
    }
    const bool is_this = b->id == "this";
    b->access.members.push_back(member);
    return Path{b->id + ".f" + pointer_text(member),
                b->name + (is_this ? ":" : m->isArrow() ? "->" : ".") + member->getNameAsString(),
                b->access};
  }
  if (const auto* u = dyn_cast<UnaryOperator>(e); u != nullptr && u->getOpcode() == UO_Deref) {
    auto b = path_of(u->getSubExpr());
    if (b) {
      b->id += "*", b->name = "*" + b->name;
      if (!b->access.members.empty()) b->access.indirect = true;
    }
    return b;
  }
  if (const auto* op = dyn_cast<CXXOperatorCallExpr>(e);
      op != nullptr && (op->getOperator() == OO_Star || op->getOperator() == OO_Arrow) &&
      op->getNumArgs() >= 1) {
    auto b = path_of(op->getArg(0));
    if (b) b->id += "*", b->access.indirect = true;
    return b;
  }
  return std::nullopt;
}

// The object a member call is made on, as a path (p->f() is on *p).
std::optional<Path> object_path(const CXXMemberCallExpr* call) {
  const Expr* object = call->getImplicitObjectArgument();
  if (object == nullptr) return std::nullopt;
  auto p = path_of(object);
  const auto* callee = dyn_cast<MemberExpr>(call->getCallee()->IgnoreParens());
  if (p && callee != nullptr && callee->isArrow() && p->id != "this") {
    p->id += "*";
    if (!p->access.members.empty()) p->access.indirect = true;
  }
  return p;
}

std::optional<LockKey> key_of(const Expr* e, MutexKind kind) {
  auto p = path_of(e);
  if (!p) return std::nullopt;
  return LockKey{p->id, p->name, kind == MutexKind::rw, p->access};
}

// ---- guards of the codebase's own ----------------------------------------------------------

const FieldDecl* this_member(const Expr* e) {
  const auto* m = dyn_cast_or_null<MemberExpr>(e ? e->IgnoreParenImpCasts() : nullptr);
  if (m == nullptr || !isa<CXXThisExpr>(m->getBase()->IgnoreParenImpCasts())) return nullptr;
  return dyn_cast<FieldDecl>(m->getMemberDecl());
}

const FieldDecl* forwarded_member(const FunctionDecl* f, bool acquire, bool& shared, int depth) {
  const FunctionDecl* def = nullptr;
  if (f == nullptr || depth > 3 || !f->hasBody(def) || def == nullptr) return nullptr;
  struct Scan : RecursiveASTVisitor<Scan> {
    bool acquire;
    int depth;
    bool shared = false;
    std::set<const FieldDecl*> fields;
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr* call) {
      const CXXMethodDecl* m = call->getMethodDecl();
      if (m == nullptr) return true;
      const Op op = mutex_op(m);
      const bool wanted = acquire ? (op == Op::acquire || op == Op::acquire_shared)
                                  : (op == Op::release || op == Op::release_shared);
      if (!wanted) return true;
      const Expr* object = call->getImplicitObjectArgument();
      if (const FieldDecl* field = this_member(object)) {
        const MutexKind kind = mutex_kind(field->getType());
        if (kind == MutexKind::plain || kind == MutexKind::rw) {
          fields.insert(field);
          shared = op == Op::acquire_shared || op == Op::release_shared;
        }
      } else if (object != nullptr && isa<CXXThisExpr>(object->IgnoreParenImpCasts())) {
        bool s = false;  // Lock() { LockSlow(); } — a helper of the same class
        if (const FieldDecl* field = forwarded_member(m, acquire, s, depth + 1)) {
          fields.insert(field);
          shared = s;
        }
      }
      return true;
    }
  } scan;
  scan.acquire = acquire;
  scan.depth = depth;
  scan.TraverseStmt(def->getBody());
  shared = scan.shared;
  return scan.fields.size() == 1 ? *scan.fields.begin() : nullptr;
}

// A class that works as a lock guard without being one of the standard ones: a constructor that
// keeps a mutex given as an argument (by reference or pointer) in a member and locks it, and a
// destructor that unlocks that member. Which argument, and whether it takes the read side.
struct CustomGuard {
  unsigned arg;
  bool shared;
};
// A SCOPED_LOCKABLE class whose constructor is annotated ACQUIRE(mu) on a parameter: a guard by
// its declaration alone (its body may be in another file).
std::optional<CustomGuard> annotated_guard(const CXXConstructorDecl* ctor) {
  if (!ctor->getParent()->hasAttr<ScopedLockableAttr>()) return std::nullopt;
  bool shared = false;
  const Expr* const* begin = nullptr;
  unsigned size = 0;
  if (const auto* a = ctor->getAttr<AcquireCapabilityAttr>()) {
    begin = a->args_begin(), size = a->args_size(), shared = a->isShared();
  }
  for (unsigned i = 0; i < size; ++i) {
    const Expr* arg = begin[i]->IgnoreParenImpCasts();
    if (const auto* u = dyn_cast<UnaryOperator>(arg)) arg = u->getSubExpr()->IgnoreParenImpCasts();
    if (const auto* ref = dyn_cast<DeclRefExpr>(arg)) {
      if (const auto* param = dyn_cast<ParmVarDecl>(ref->getDecl())) {
        return CustomGuard{param->getFunctionScopeIndex(), shared};
      }
    }
  }
  return std::nullopt;
}

std::optional<CustomGuard> custom_guard(const CXXConstructExpr* e) {
  const CXXConstructorDecl* ctor = e->getConstructor();
  const CXXRecordDecl* record = ctor != nullptr ? ctor->getParent() : nullptr;
  if (record == nullptr || record->getDestructor() == nullptr) return std::nullopt;
  if (auto g = annotated_guard(ctor); g && g->arg < e->getNumArgs()) return g;
  const FunctionDecl* def = nullptr;
  if (!ctor->hasBody(def) || def == nullptr) return std::nullopt;
  bool shared = false, shared_release = false;
  const FieldDecl* locked = forwarded_member(def, true, shared, 0);
  if (locked == nullptr || forwarded_member(record->getDestructor(), false, shared_release, 0) != locked) {
    return std::nullopt;
  }
  for (const CXXCtorInitializer* init : cast<CXXConstructorDecl>(def)->inits()) {
    if (init->getMember() != locked || init->getInit() == nullptr) continue;
    const Expr* from = init->getInit()->IgnoreParenImpCasts();
    if (const auto* u = dyn_cast<UnaryOperator>(from); u != nullptr && u->getOpcode() == UO_AddrOf) {
      from = u->getSubExpr()->IgnoreParenImpCasts();
    }
    const auto* ref = dyn_cast<DeclRefExpr>(from);
    const auto* param = ref != nullptr ? dyn_cast<ParmVarDecl>(ref->getDecl()) : nullptr;
    if (param == nullptr || param->getFunctionScopeIndex() >= e->getNumArgs()) return std::nullopt;
    return CustomGuard{param->getFunctionScopeIndex(), shared};
  }
  return std::nullopt;
}

// The lock a guard's construction names: `mu` or `&mu`.
std::optional<LockKey> guard_arg_key(const Expr* a) {
  a = a->IgnoreParenImpCasts();
  if (const auto* u = dyn_cast<UnaryOperator>(a); u != nullptr && u->getOpcode() == UO_AddrOf) {
    a = u->getSubExpr();
  }
  const MutexKind kind = mutex_kind(a->getType());
  if (kind != MutexKind::plain && kind != MutexKind::rw) return std::nullopt;
  return key_of(a, kind);
}

// ---- the operations --------------------------------------------------------------------------

// A blocking operation in this call, or "".
std::string blocking_call(const CallExpr* call) {
  const FunctionDecl* f = call->getDirectCallee();
  if (f == nullptr) return "";
  const std::string name = f->getNameAsString();
  if (const auto* m = dyn_cast<CXXMethodDecl>(f)) {
    // The class of the object it is called on: weft's channels get send and recv from bases.
    const auto* member = dyn_cast<CXXMemberCallExpr>(call);
    const Expr* object = member != nullptr ? member->getImplicitObjectArgument() : nullptr;
    const std::string cls = object != nullptr ? record_name(object->IgnoreParenImpCasts()->getType())
                                              : m->getParent()->getQualifiedNameAsString();
    if (cls == "weft::chan" || cls == "weft::send_only" || cls == "weft::recv_only") {
      if (name == "send") return "a channel send";
      if (name == "recv") return "a channel receive";
      return "";
    }
    if (cls == "weft::WaitGroup" && name == "wait") return "WaitGroup::wait";
    if ((cls == "weft::Cond" || cls == "std::condition_variable" ||
         cls == "std::condition_variable_any") &&
        llvm::StringRef(name).starts_with("wait")) {
      return "Cond::wait";  // blocks only with another lock held: it releases its own
    }
    if ((cls == "std::thread" || cls == "std::jthread") && name == "join") return "a join";
    if ((cls == "std::future" || cls == "std::shared_future") && (name == "get" || name == "wait")) {
      return "future::" + name;
    }
    return "";
  }
  const std::string q = f->getQualifiedNameAsString();
  if (q == "weft::sleep" || q == "std::this_thread::sleep_for" ||
      q == "std::this_thread::sleep_until") {
    return "a sleep";
  }
  if (q == "weft::select") {
    for (const Expr* a : call->arguments()) {
      const auto* c = dyn_cast<CallExpr>(a->IgnoreImplicit());
      if (c != nullptr && c->getDirectCallee() != nullptr &&
          c->getDirectCallee()->getQualifiedNameAsString() == "weft::case_default") {
        return "";
      }
    }
    return "a select without a default case";
  }
  return "";
}

// The locks a function's thread-safety attributes say its caller holds: REQUIRES(mu),
// REQUIRES_SHARED(mu), RELEASE(mu). An argument that is a pointer names the lock it points to;
// one that names a parameter of another declaration of the function means this one's.
std::map<std::string, LockMask> attributed_held(const FunctionDecl& function) {
  std::map<std::string, LockMask> held;
  auto add = [&](const Expr* const* begin, unsigned size, LockMask mask) {
    for (unsigned i = 0; i < size; ++i) {
      const Expr* arg = begin[i]->IgnoreParenImpCasts();
      const MutexKind kind = mutex_kind(arg->getType());
      if (kind != MutexKind::plain && kind != MutexKind::rw) continue;
      std::optional<Path> p;
      if (const auto* ref = dyn_cast<DeclRefExpr>(arg)) {
        if (const auto* param = dyn_cast<ParmVarDecl>(ref->getDecl());
            param != nullptr && param->getFunctionScopeIndex() < function.getNumParams()) {
          const ParmVarDecl* own = function.getParamDecl(param->getFunctionScopeIndex());
          p = Path{"d" + pointer_text(own), own->getNameAsString()};
        }
      }
      if (!p) p = path_of(arg);
      if (!p) continue;
      if (arg->getType()->isPointerType()) p->id += "*";
      held[p->id] = mask;
    }
  };
  for (const auto* a : function.specific_attrs<RequiresCapabilityAttr>()) {
    add(a->args_begin(), a->args_size(), a->isShared() ? kShared : kExclusive);
  }
  for (const auto* a : function.specific_attrs<ReleaseCapabilityAttr>()) {
    add(a->args_begin(), a->args_size(), a->isShared() ? kShared : kExclusive);
  }
  return held;
}

// The locks a method takes on members of its own object, directly in its body (for a call made
// while the caller holds one of them).
struct CalleeAcquire {
  std::string member_id;  // "this.f<field>"
  std::string member_name;
  bool shared;
  SourceLocation at;
};

class CalleeScan : public RecursiveASTVisitor<CalleeScan> {
 public:
  std::vector<CalleeAcquire> found;
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr* call) {
    const CXXMethodDecl* m = call->getMethodDecl();
    if (m == nullptr) return true;
    const MutexKind kind = mutex_kind(m->getThisType()->getPointeeType());
    const Op op = mutex_op(m);
    if (kind == MutexKind::none || kind == MutexKind::recursive) return true;
    if (op == Op::release || op == Op::release_shared) {
      if (auto p = object_path(call)) released.emplace_back(p->id, call->getExprLoc());
      return true;
    }
    if (op != Op::acquire && op != Op::acquire_shared) return true;
    add(object_path(call), op == Op::acquire_shared, call->getExprLoc());
    return true;
  }
  std::vector<std::pair<std::string, SourceLocation>> released;  // by hand
  bool VisitCXXConstructExpr(CXXConstructExpr* e) {
    const std::string n = record_name(e->getType());
    if (!is_guard(n) && e->getNumArgs() != 0) {
      if (auto g = custom_guard(e)) {
        if (auto k = guard_arg_key(e->getArg(g->arg))) {
          if (k->id.rfind("this.", 0) == 0 && k->id.find('.', 5) == std::string::npos) {
            found.push_back({k->id, k->name, g->shared, e->getBeginLoc()});
          }
        }
      }
      return true;
    }
    if (!is_guard(n) || e->getNumArgs() == 0) return true;
    for (const Expr* a : e->arguments()) {
      const std::string t = record_name(a->getType());
      if (t == "std::defer_lock_t" || t == "std::try_to_lock_t" || t == "std::adopt_lock_t") return true;
    }
    for (const Expr* a : e->arguments()) {
      const MutexKind kind = mutex_kind(a->getType());
      if (kind == MutexKind::plain || kind == MutexKind::rw) {
        add(path_of(a), n == "std::shared_lock", e->getBeginLoc());
      }
    }
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr*) { return true; }  // runs elsewhere, later

 private:
  void add(const std::optional<Path>& p, bool shared, SourceLocation at) {
    if (p && p->id.rfind("this.", 0) == 0 && p->id.find('.', 5) == std::string::npos) {
      found.push_back({p->id, p->name, shared, at});
    }
  }
};

// Locks captured by reference or handed by reference or pointer to other code, anywhere in a
// function's body (its lambdas included).
class EscapeScan : public RecursiveASTVisitor<EscapeScan> {
 public:
  std::set<std::string> found;
  bool VisitLambdaExpr(LambdaExpr* lambda) {
    for (const LambdaCapture& c : lambda->captures()) {
      if (c.capturesThis()) found.insert("this");
      if (c.capturesVariable() && c.getCaptureKind() == LCK_ByRef) {
        found.insert("d" + pointer_text(c.getCapturedVar()));
      }
    }
    return true;
  }
  bool VisitCallExpr(CallExpr* call) {
    args(call->arguments());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr* construct) {
    const std::string n = record_name(construct->getType());
    // A guard or a Cond keeps the lock balanced; it does not hand it to anyone.
    if (!is_guard(n) && n != "weft::Cond" && n != "std::condition_variable_any" &&
        !custom_guard(construct)) {
      args(construct->arguments());
    }
    return true;
  }

 private:
  template <class Range>
  void args(Range range) {
    for (const Expr* a : range) {
      const Expr* e = a->IgnoreParenImpCasts();
      if (const auto* u = dyn_cast<UnaryOperator>(e); u != nullptr && u->getOpcode() == UO_AddrOf) {
        e = u->getSubExpr();
      }
      const MutexKind kind = mutex_kind(e->getType());
      if (kind == MutexKind::none || kind == MutexKind::recursive) continue;
      if (auto p = path_of(e)) found.insert(p->id);
    }
  }
};

// ---- the dataflow ----------------------------------------------------------------------------

struct Guard {
  std::vector<LockKey> keys;
  bool shared = false;
  bool manual = false;  // unique_lock / shared_lock: may be unlocked and relocked by hand
};

struct State {
  bool reached = false;
  std::map<std::string, LockMask> locks;
  std::map<const VarDecl*, LockMask> guards;  // kExclusive: owns its locks; kFree: does not
};

class Analysis {
 public:
  Analysis(ASTContext& context, const FunctionDecl& function) : context_(context), function_(function) {}

  LockFlow run() {
    const Stmt* body = function_.getBody();
    if (body == nullptr) return {};
    CFG::BuildOptions options;
    options.AddImplicitDtors = true;
    options.AddTemporaryDtors = false;
    cfg_ = CFG::buildCFG(&function_, const_cast<Stmt*>(body), &context_, options);
    if (!cfg_) return {};
    prescan();
    entry_state();
    if (keys_.empty() && !has_blocking_) return {};

    // Fixpoint over block entry states, then one pass that records the events.
    record_paths<State>(
        *cfg_, [this](const CFGBlock& b, State& s, bool record) { transfer(b, s, record); },
        [this](State& into, const State& from) { return join(into, from); },
        [this](const CFGBlock& b, const State& s) { record_exit(b, s); });
    flow_.released_by_hand.assign(released_by_hand_.begin(), released_by_hand_.end());
    EscapeScan escapes;
    escapes.TraverseStmt(const_cast<Stmt*>(function_.getBody()));
    flow_.escaped_ids.assign(escapes.found.begin(), escapes.found.end());
    return std::move(flow_);
  }

 private:
  // The locks this function acquires itself, and whether it has anything that blocks.
  void prescan() {
    for (const CFGBlock* b : *cfg_) {
      for (const CFGElement& e : *b) {
        const auto s = e.getAs<CFGStmt>();
        if (!s) continue;
        const Stmt* st = s->getStmt();
        if (const auto* call = dyn_cast<CXXMemberCallExpr>(st)) {
          if (auto m = as_mutex_call(call); m && m->op != Op::none) {
            if (m->op == Op::acquire || m->op == Op::acquire_shared) keys_.insert(m->key.id);
            note_first_op(m->key.id, call->getExprLoc(), m->op);
          }
        }
        if (const auto* decl = dyn_cast<DeclStmt>(st)) {
          for (const Decl* d : decl->decls()) {
            if (auto g = as_guard(dyn_cast<VarDecl>(d))) {
              for (const LockKey& k : g->first.keys) {
                keys_.insert(k.id);
                note_first_op(k.id, d->getLocation(), Op::acquire);
              }
            }
          }
        }
        if (const auto* call = dyn_cast<CallExpr>(st); call != nullptr && !blocking_call(call).empty()) {
          has_blocking_ = true;
        }
        if (const auto* call = dyn_cast<CallExpr>(st); call != nullptr && call->getDirectCallee() &&
                                                        call->getDirectCallee()->getQualifiedNameAsString() == "std::lock") {
          for (const Expr* a : call->arguments()) {
            const MutexKind kind = mutex_kind(a->getType());
            if (kind != MutexKind::plain && kind != MutexKind::rw) continue;
            if (auto k = key_of(a, kind)) keys_.insert(k->id);
          }
        }
      }
      if (const auto* loop = dyn_cast_or_null<CXXForRangeStmt>(b->getTerminatorStmt());
          loop != nullptr && channel_range(loop)) {
        has_blocking_ = true;
      }
    }
  }

  struct MutexCall {
    Op op;
    LockKey key;
  };
  std::optional<MutexCall> as_mutex_call(const CXXMemberCallExpr* call) const {
    const CXXMethodDecl* m = call->getMethodDecl();
    if (m == nullptr) return std::nullopt;
    const MutexKind kind = mutex_kind(m->getThisType()->getPointeeType());
    if (kind == MutexKind::none || kind == MutexKind::recursive) return std::nullopt;
    const Op op = mutex_op(m);
    if (op == Op::none) return std::nullopt;
    auto p = object_path(call);
    if (!p) return std::nullopt;
    auto key = key_of(call->getImplicitObjectArgument(), kind);
    if (!key) return std::nullopt;
    key->id = p->id;
    key->access = p->access;
    return MutexCall{op, *key};
  }

  // A guard variable and its initial ownership (kExclusive: it locked; kFree: deferred;
  // kAnyState: it tried; kHeld: it adopted a lock already held).
  std::optional<std::pair<Guard, LockMask>> as_guard(const VarDecl* v) const {
    if (v == nullptr || !v->hasInit()) return std::nullopt;
    const std::string n = record_name(v->getType());
    const auto* e = dyn_cast<CXXConstructExpr>(v->getInit()->IgnoreImplicit());
    if (e == nullptr) return std::nullopt;
    if (!is_guard(n)) {
      auto custom = custom_guard(e);
      if (!custom) return std::nullopt;
      auto key = guard_arg_key(e->getArg(custom->arg));
      if (!key) return std::nullopt;
      return std::pair{Guard{{*key}, custom->shared, false}, kExclusive};
    }
    Guard g;
    g.shared = n == "std::shared_lock";
    g.manual = n == "std::unique_lock" || n == "std::shared_lock";
    LockMask owns = kExclusive;
    for (const Expr* a : e->arguments()) {
      const std::string t = record_name(a->getType());
      if (t == "std::defer_lock_t") owns = kFree;
      if (t == "std::try_to_lock_t") owns = kAnyState;
      if (t == "std::adopt_lock_t") owns = kHeld;
      const MutexKind kind = mutex_kind(a->getType());
      if (kind == MutexKind::plain || kind == MutexKind::rw) {
        if (auto k = key_of(a, kind)) g.keys.push_back(*k);
      } else if (llvm::StringRef(t).starts_with("std::chrono::")) {
        owns = kAnyState;  // a timeout: it may or may not have locked
      }
    }
    if (g.keys.empty()) return std::nullopt;
    return std::pair{g, owns};
  }

  LockMask get(const State& s, const std::string& id) const {
    auto it = s.locks.find(id);
    if (it != s.locks.end()) return it->second;
    if (auto held = held_at_entry_.find(id); held != held_at_entry_.end()) return held->second;
    return keys_.count(id) != 0 ? kFree : kAnyState;
  }

  // What is held when the function is called: what its thread-safety attributes say
  // (REQUIRES, RELEASE), else a lock whose first operation in the function is an unlock and whose
  // last is a lock, in source order: it is called holding it and gives it back held
  // (`mu_.Unlock(); slow(); mu_.Lock();`).
  void entry_state() {
    held_at_entry_ = attributed_held(function_);
    for (const auto& [id, first] : first_op_) {
      const Op last = last_op_.at(id).second;
      if ((first.second == Op::release || first.second == Op::release_shared) &&
          (last == Op::acquire || last == Op::acquire_shared)) {
        held_at_entry_.emplace(id, first.second == Op::release_shared ? kShared : kExclusive);
      }
    }
    flow_.held_at_entry.clear();
    for (const auto& [id, mask] : held_at_entry_) flow_.held_at_entry.push_back(id);
  }

  void note_first_op(const std::string& id, SourceLocation at, Op op) {
    const SourceManager& sm = context_.getSourceManager();
    auto it = first_op_.find(id);
    if (it == first_op_.end() || sm.isBeforeInTranslationUnit(at, it->second.first)) {
      first_op_[id] = {at, op};
    }
    auto last = last_op_.find(id);
    if (last == last_op_.end() || sm.isBeforeInTranslationUnit(last->second.first, at)) {
      last_op_[id] = {at, op};
    }
  }

  bool join(State& into, const State& from) const {
    if (!from.reached) return false;
    if (!into.reached) {
      into = from;
      return true;
    }
    bool changed = false;
    // A lock missing on one side is at its entry state there.
    for (const auto& [id, mask] : from.locks) {
      const LockMask merged = get(into, id) | mask;
      auto it = into.locks.find(id);
      if (it == into.locks.end() || it->second != merged) {
        into.locks[id] = merged;
        changed = true;
      }
    }
    for (auto& [id, mask] : into.locks) {
      if (from.locks.count(id) == 0 && (mask | get(from, id)) != mask) {
        mask |= get(from, id);
        changed = true;
      }
    }
    for (const auto& [g, mask] : from.guards) {
      auto [it, fresh] = into.guards.emplace(g, mask);
      if (!fresh && (it->second | mask) != it->second) {
        it->second |= mask;
        changed = true;
      }
      changed |= fresh;
    }
    return changed;
  }

  // The state a lock moves to.
  static LockMask after(LockMask before, Op op) {
    LockMask out = 0;
    for (LockMask bit : {kFree, kExclusive, kShared, kSharedTwice}) {
      if ((before & bit) == 0) continue;
      switch (op) {
        case Op::acquire: out |= kExclusive; break;
        case Op::release: out |= kFree; break;
        case Op::acquire_shared: out |= bit == kFree ? kShared : kSharedTwice; break;
        case Op::release_shared: out |= bit == kSharedTwice ? (kShared | kSharedTwice) : kFree; break;
        case Op::maybe_acquire: out |= bit | kExclusive; break;
        case Op::none: out |= bit; break;
      }
    }
    return out;
  }

  void event(bool record, LockEvent e) {
    if (record) flow_.events.push_back(std::move(e));
  }

  // together: the state before a group of locks taken at once (std::scoped_lock, std::lock);
  // null for one lock alone.
  void apply(State& s, const LockKey& key, Op op, SourceLocation at, bool by_guard, bool record,
             bool manual_under_guard = false, const State* together = nullptr) {
    const LockMask before = get(s, key.id);
    if (op == Op::acquire || op == Op::acquire_shared || op == Op::release || op == Op::release_shared) {
      LockEvent e{op == Op::acquire || op == Op::acquire_shared ? LockEvent::Kind::acquire
                                                                : LockEvent::Kind::release,
                  at, key};
      e.shared = op == Op::acquire_shared || op == Op::release_shared;
      e.by_guard = by_guard;
      e.manual_under_guard = manual_under_guard;
      e.before = before;
      if (record && e.kind == LockEvent::Kind::acquire) e.locks = snapshot(together ? *together : s);
      event(record, std::move(e));
    }
    s.locks[key.id] = after(before, op);
  }

  std::vector<std::pair<LockKey, LockMask>> snapshot(const State& s) const {
    std::vector<std::pair<LockKey, LockMask>> out;
    for (const auto& [id, mask] : s.locks) {
      auto it = names_.find(id);
      if (it != names_.end()) out.emplace_back(it->second, mask);
    }
    return out;
  }

  void transfer(const CFGBlock& block, State& s, bool record) {
    for (const CFGElement& element : block) {
      if (const auto d = element.getAs<CFGAutomaticObjDtor>()) {
        const VarDecl* v = d->getVarDecl();
        auto g = guards_.find(v);
        if (g == guards_.end()) continue;
        const LockMask owns = s.guards.count(v) != 0 ? s.guards[v] : kFree;
        if (always(owns, kExclusive)) {
          for (const LockKey& k : g->second.keys) {
            apply(s, k, g->second.shared ? Op::release_shared : Op::release, d->getTriggerStmt() != nullptr ? d->getTriggerStmt()->getEndLoc() : v->getLocation(), true, record);
          }
        } else if ((owns & kExclusive) != 0) {
          for (const LockKey& k : g->second.keys) s.locks[k.id] = get(s, k.id) | kFree;
        }
        s.guards[v] = kFree;
        continue;
      }
      const auto cs = element.getAs<CFGStmt>();
      if (!cs) continue;
      const Stmt* st = cs->getStmt();
      if (const auto* decl = dyn_cast<DeclStmt>(st)) {
        for (const Decl* dd : decl->decls()) {
          const auto* v = dyn_cast<VarDecl>(dd);
          auto g = as_guard(v);
          if (!g) continue;
          guards_[v] = g->first;
          for (const LockKey& k : g->first.keys) names_[k.id] = k;
          if (g->second == kExclusive) {
            const State before = s;
            for (const LockKey& k : g->first.keys) {
              apply(s, k, g->first.shared ? Op::acquire_shared : Op::acquire, v->getLocation(), true,
                    record, false, &before);
            }
          } else if (g->second == kHeld) {  // adopted: held already, by this path
            for (const LockKey& k : g->first.keys) {
              s.locks[k.id] = g->first.shared ? kShared : kExclusive;
            }
            s.guards[v] = kExclusive;
            continue;
          } else if (g->second == kAnyState) {
            for (const LockKey& k : g->first.keys) apply(s, k, Op::maybe_acquire, v->getLocation(), true, record);
          }
          s.guards[v] = g->second;
        }
        continue;
      }
      const auto* call = dyn_cast<CallExpr>(st);
      if (call == nullptr) continue;
      if (const auto* member = dyn_cast<CXXMemberCallExpr>(call)) {
        if (auto m = as_mutex_call(member)) {
          names_[m->key.id] = m->key;
          const bool release = m->op == Op::release || m->op == Op::release_shared;
          bool under_guard = false;
          if (release) {
            released_by_hand_.insert(m->key.id);
            for (const auto& [v, g] : guards_) {
              if (g.manual) continue;
              auto owns = s.guards.find(v);
              if (owns == s.guards.end() || !always(owns->second, kExclusive)) continue;
              for (const LockKey& k : g.keys) under_guard |= k.id == m->key.id;
            }
          }
          apply(s, m->key, m->op, member->getExprLoc(), false, record, under_guard);
          continue;
        }
        if (guard_method(*member, s, record)) continue;
        callee_locks(*member, s, record);
      } else if (lock_together(*call, s, record)) {
        continue;
      } else if (annotated_lock_function(*call, s, record)) {
        continue;
      }
      if (record && call->getDirectCallee() != nullptr) {
        LockEvent e{LockEvent::Kind::call, call->getExprLoc()};
        e.call = call;
        e.locks = snapshot(s);
        event(record, std::move(e));
      }
      if (std::string what = blocking_call(call); !what.empty()) {
        LockEvent e{LockEvent::Kind::blocking, call->getExprLoc()};
        e.what = what;
        e.locks = snapshot(s);
        event(record, std::move(e));
      }
    }
    if (const auto* loop = dyn_cast_or_null<CXXForRangeStmt>(block.getTerminatorStmt());
        loop != nullptr && channel_range(loop)) {
      LockEvent e{LockEvent::Kind::blocking, loop->getColonLoc()};
      e.what = "a range over a channel";
      e.locks = snapshot(s);
      event(record, std::move(e));
    }
  }

  // std::lock(a, b, ...): every lock taken at once, without an order between them.
  // A function whose thread-safety attributes say it acquires or releases a lock it is given:
  // `void park_in(Queue&, Lock& lock) RELEASE(lock);` — the call releases its argument.
  bool annotated_lock_function(const CallExpr& call, State& s, bool record) {
    const FunctionDecl* f = call.getDirectCallee();
    if (f == nullptr) return false;
    bool any = false;
    auto apply_args = [&](const Expr* const* begin, unsigned size, Op op) {
      for (unsigned i = 0; i < size; ++i) {
        const Expr* arg = begin[i]->IgnoreParenImpCasts();
        const auto* ref = dyn_cast<DeclRefExpr>(arg);
        const auto* param = ref != nullptr ? dyn_cast<ParmVarDecl>(ref->getDecl()) : nullptr;
        if (param == nullptr || param->getFunctionScopeIndex() >= call.getNumArgs()) continue;
        const Expr* given = call.getArg(param->getFunctionScopeIndex())->IgnoreParenImpCasts();
        if (const auto* u = dyn_cast<UnaryOperator>(given); u != nullptr && u->getOpcode() == UO_AddrOf) {
          given = u->getSubExpr();
        }
        const MutexKind kind = mutex_kind(given->getType());
        if (kind != MutexKind::plain && kind != MutexKind::rw) continue;
        auto k = key_of(given, kind);
        if (!k) continue;
        if (given->getType()->isPointerType()) k->id += "*";
        names_.emplace(k->id, *k);
        apply(s, *k, op, call.getExprLoc(), false, record);
        any = true;
      }
    };
    for (const auto* a : f->specific_attrs<AcquireCapabilityAttr>()) {
      apply_args(a->args_begin(), a->args_size(), a->isShared() ? Op::acquire_shared : Op::acquire);
    }
    for (const auto* a : f->specific_attrs<ReleaseCapabilityAttr>()) {
      apply_args(a->args_begin(), a->args_size(), a->isShared() ? Op::release_shared : Op::release);
    }
    return any;
  }

  bool lock_together(const CallExpr& call, State& s, bool record) {
    const FunctionDecl* f = call.getDirectCallee();
    if (f == nullptr || (f->getQualifiedNameAsString() != "std::lock" &&
                         f->getQualifiedNameAsString() != "std::try_lock")) {
      return false;
    }
    const bool tries = f->getName() == "try_lock";
    const State before = s;
    for (const Expr* a : call.arguments()) {
      const MutexKind kind = mutex_kind(a->getType());
      if (kind != MutexKind::plain && kind != MutexKind::rw) continue;
      auto k = key_of(a, kind);
      if (!k) continue;
      names_[k->id] = *k;
      apply(s, *k, tries ? Op::maybe_acquire : Op::acquire, call.getExprLoc(), false, record, false,
            &before);
    }
    return true;
  }

  // unique_lock / shared_lock: lock() and unlock() on the guard move its locks.
  bool guard_method(const CXXMemberCallExpr& call, State& s, bool record) {
    const auto* object = dyn_cast_or_null<DeclRefExpr>(
        call.getImplicitObjectArgument() ? call.getImplicitObjectArgument()->IgnoreParenImpCasts() : nullptr);
    if (object == nullptr) return false;
    const auto* v = dyn_cast<VarDecl>(object->getDecl());
    auto g = guards_.find(v);
    if (g == guards_.end() || call.getMethodDecl() == nullptr) return false;
    const llvm::StringRef name = call.getMethodDecl()->getName();
    if (name == "lock" || name == "unlock") {
      const bool lock = name == "lock";
      for (const LockKey& k : g->second.keys) {
        const Op op = g->second.shared ? (lock ? Op::acquire_shared : Op::release_shared)
                                       : (lock ? Op::acquire : Op::release);
        apply(s, k, op, call.getExprLoc(), true, record);
      }
      s.guards[v] = lock ? kExclusive : kFree;
    } else if (name == "release") {
      s.guards[v] = kFree;  // the guard lets go without unlocking: the lock stays held
    } else if (name.starts_with("try_")) {
      for (const LockKey& k : g->second.keys) apply(s, k, Op::maybe_acquire, call.getExprLoc(), true, record);
      s.guards[v] = kAnyState;
    }
    return true;
  }

  // A call to a method that locks a member of the object it is called on.
  void callee_locks(const CXXMemberCallExpr& call, State& s, bool record) {
    const CXXMethodDecl* m = call.getMethodDecl();
    if (m == nullptr || m->isVirtual()) return;
    const FunctionDecl* def = nullptr;
    if (!m->hasBody(def) || def == nullptr || def == &function_) return;
    auto object = object_path(&call);
    if (!object) return;
    CalleeScan scan;
    scan.TraverseStmt(const_cast<Stmt*>(def->getBody()));
    // A callee that is called holding the lock (its attributes say so, or it unlocks the lock
    // before it locks it again) does not take it anew.
    const std::map<std::string, LockMask> required = attributed_held(*def);
    const SourceManager& sm = context_.getSourceManager();
    for (const CalleeAcquire& a : scan.found) {
      if (required.count(a.member_id) != 0) continue;
      if (std::any_of(scan.released.begin(), scan.released.end(), [&](const auto& r) {
            return r.first == a.member_id && sm.isBeforeInTranslationUnit(r.second, a.at);
          })) {
        continue;
      }
      const std::string id = object->id + a.member_id.substr(4);  // "this.fX" -> "<obj>.fX"
      auto name = names_.find(id);
      if (name == names_.end()) continue;  // a lock this function never touches itself
      LockEvent e{LockEvent::Kind::acquire, call.getExprLoc(), name->second};
      e.shared = a.shared;
      e.before = get(s, id);
      e.callee_acquire = a.at;
      e.what = m->getNameAsString();
      event(record, std::move(e));
    }
  }

  static bool channel_range(const CXXForRangeStmt* loop) {
    const std::string n = record_name(loop->getRangeInit()->getType());
    return n == "weft::chan" || n == "weft::recv_only";
  }

  void record_exit(const CFGBlock& block, const State& s) {
    // abort(), exit(), a failed assert: the program ends; what it holds does not matter.
    if (block.hasNoReturnElement()) return;
    LockEvent e{LockEvent::Kind::exit, exit_location(block, function_)};
    e.locks = snapshot(s);
    flow_.events.push_back(std::move(e));
  }

  ASTContext& context_;
  const FunctionDecl& function_;
  std::unique_ptr<CFG> cfg_;
  std::set<std::string> keys_;     // acquired in this function: free at entry
  std::map<std::string, LockMask> held_at_entry_;  // see entry_state()
  std::map<std::string, std::pair<SourceLocation, Op>> first_op_;  // by hand or guard, in source order
  std::map<std::string, std::pair<SourceLocation, Op>> last_op_;
  bool has_blocking_ = false;
  std::map<std::string, LockKey> names_;
  std::map<const VarDecl*, Guard> guards_;
  std::set<std::string> released_by_hand_;
  LockFlow flow_;
};

}  // namespace

bool is_followed_mutex(QualType t) {
  if (t->isPointerType() || t->isReferenceType()) return false;
  const MutexKind kind = mutex_kind(t);
  return kind == MutexKind::plain || kind == MutexKind::rw;
}

std::optional<ObjectPath> object_path_of(const Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (const auto* u = dyn_cast<UnaryOperator>(e); u != nullptr && u->getOpcode() == UO_AddrOf) {
    e = u->getSubExpr();
  }
  return path_of(e);
}

bool LockFlow::escaped(const LockKey& key) const {
  for (const std::string& e : escaped_ids) {
    // The lock itself, or the object or pointer it is a member of.
    if (key.id == e || (key.id.rfind(e, 0) == 0 && (key.id[e.size()] == '.' || key.id[e.size()] == '*'))) {
      return true;
    }
  }
  return false;
}

const LockFlow& lock_flow(ASTContext& context, const FunctionDecl& function) {
  return cached_per_tu<LockFlow>(function, [&] { return Analysis(context, function).run(); });
}

}  // namespace weft::vet

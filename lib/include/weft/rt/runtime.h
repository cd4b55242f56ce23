// The runtime seam: the one door through which every weft primitive blocks, wakes, spawns,
// reads the clock and makes a nondeterministic choice.
//
// Each primitive's state machine is written once (lib/src) and runs unchanged on every runtime:
//   - the production runtime (lib/rt), reached without a virtual call: tasks as fibers on
//     worker threads (the default) or on pooled OS threads (weft/runtime_choice.h).
//   - a model runtime (the harness): every task a fiber on one OS thread, a scheduler choosing
//     who runs at each visible operation. It installs itself per thread with ScopedRuntime.
//
// The contract a primitive keeps, which a model runtime relies on:
//   1. point(op) is called BEFORE a visible operation takes effect, with NO internal lock held,
//      so the model may switch tasks there. One visible operation, one point.
//   2. An Op names every object it touches (a select names all its channels) and its kind.
//   3. Blocking is: make a Parking, enqueue a waiter that points to it under the primitive's
//      lock, drop the lock, park(parking, op). The waker completes the hand-off for the waiter
//      (moves the value, sets the result) BEFORE unpark(parking), so a woken task never
//      re-checks state. unpark is called at most once per Parking and may come before the park
//      (the park then returns at once). After unpark the waker must not touch the Parking: the
//      woken task may already have returned.
//   4. choose(n) is the only source of nondeterminism a primitive uses (which ready select
//      case runs); now() and start_timer() the only sources of time.
//   5. Where a value or a permission is handed over, the primitive calls release(slot) on the
//      giving side and acquire(slot) on the taking side, with a SyncSlot stored next to the
//      thing handed over. The production runtimes ignore them (the primitive's own lock orders
//      memory); a model runtime keeps a vector clock per slot to find data races.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <source_location>
#include <string_view>
#include <span>

namespace weft::rt {

// Identifies a primitive object (a channel, a mutex, ...) for traces and dependence analysis.
// It is the address of the object's state; a model runtime maps it to a stable number.
using ObjectId = std::uintptr_t;

enum class OpKind : std::uint8_t {
  chan_send,
  chan_recv,
  chan_close,
  select,
  spawn,
  task_exit,
  timer_start,
  timer_stop,
  sleep,
  lock,
  try_lock,  // Mutex/RWMutex try_lock and try_rlock: never blocks, fails when taken
  unlock,
  rlock,
  runlock,
  wg_add,   // a positive delta
  wg_done,  // a negative delta (done() is add(-1))
  wg_wait,
  cond_wait,
  cond_signal,
  cond_broadcast,
  once,
  atomic_load,
  atomic_store,
  atomic_rmw,
  var_read,
  var_write,
  blocking,  // weft::blocking: a call run on another thread while the task waits (never a point)
  run_join,  // weft::run: the calling thread waits for its task (never a point)
};

const char* to_string(OpKind kind) noexcept;

// A visible operation: what a scheduler, a trace and a dependence relation need to know.
struct Op {
  OpKind kind;
  ObjectId object = 0;                 // the object touched; 0 for a nil channel
  std::span<const ObjectId> objects{};  // for operations on several objects (select): all of them
  std::source_location where = std::source_location::current();
};

// A task as a runtime knows it; opaque to primitives, which only store and hand it back.
struct TaskRef {
  void* handle = nullptr;
  friend bool operator==(TaskRef, TaskRef) = default;
};

// Where one blocking operation waits to be woken (one per operation; the cases of a select
// share one). It lives in the blocked task's frame, next to its waiter, so on the threads
// runtime the waker's write and the sleeper's spin meet on the cache line the hand-off touches.
struct Parking {
  Parking() noexcept;  // records the current task (a model runtime needs it)
  Parking(const Parking&) = delete;
  Parking& operator=(const Parking&) = delete;

  TaskRef task;                              // the task that parks here
  std::atomic<std::uint32_t> state{kWaiting};  // production: kWaiting -> kAsleep? -> kWoken
  static constexpr std::uint32_t kWaiting = 0;
  static constexpr std::uint32_t kAsleep = 1;
  static constexpr std::uint32_t kWoken = 2;
};

// Where a happens-before edge travels with a hand-over (see contract item 5).
// Primitives only make it and pass it; a model runtime keeps its number for the slot here
// (the production runtimes never touch it).
struct SyncSlot {
  std::uint64_t model_tag = 0;
};

// A unit of work run once: a task body or a timer's action. Move-only, so it may own
// move-only captures.
class Work {
 public:
  virtual ~Work() = default;
  virtual void run() = 0;
};
using WorkPtr = std::unique_ptr<Work>;

template <class F>
WorkPtr make_work(F&& f) {
  struct Impl final : Work {
    explicit Impl(F&& fn) : fn_(std::forward<F>(fn)) {}
    void run() override { fn_(); }
    std::decay_t<F> fn_;
  };
  return std::make_unique<Impl>(std::forward<F>(f));
}

using Clock = std::chrono::steady_clock;
using Time = Clock::time_point;
using TimerId = std::uint64_t;

class Runtime {
 public:
  virtual ~Runtime() = default;
  virtual void spawn(WorkPtr body, std::source_location where) = 0;
  virtual void point(const Op& op) = 0;
  virtual TaskRef self() = 0;
  virtual void park(Parking& parking, const Op& waiting_on) = 0;
  virtual void unpark(Parking& parking) = 0;
  virtual std::size_t choose(std::size_t n) = 0;  // uniform in [0, n); n >= 1
  virtual Time now() = 0;
  // Runs `fire` once at or after `when` (in a context where it must not block), unless stopped.
  virtual TimerId start_timer(Time when, WorkPtr fire) = 0;
  virtual bool stop_timer(TimerId id) = 0;  // true if the timer was pending and now never fires
  virtual void release(SyncSlot& slot) = 0;
  virtual void acquire(SyncSlot& slot) = 0;
  // Where an object was made, and a name its user gave it (weft::name): only for reports, so a
  // runtime that reports nothing ignores them.
  virtual void made(ObjectId object, std::source_location where) {
    static_cast<void>(object), static_cast<void>(where);
  }
  virtual void named(ObjectId object, std::string_view name) {
    static_cast<void>(object), static_cast<void>(name);
  }
};

// The runtime installed on this thread; nullptr means the production runtime.
inline constinit thread_local Runtime* installed_runtime = nullptr;

// Installs a runtime on the current thread for the lifetime of this object.
class ScopedRuntime {
 public:
  explicit ScopedRuntime(Runtime& runtime) noexcept : previous_(installed_runtime) {
    installed_runtime = &runtime;
  }
  ~ScopedRuntime() { installed_runtime = previous_; }
  ScopedRuntime(const ScopedRuntime&) = delete;
  ScopedRuntime& operator=(const ScopedRuntime&) = delete;

 private:
  Runtime* previous_;
};

// The production runtime, called directly (no virtual dispatch) when no model runtime is
// installed: tasks on fibers or on pooled threads (weft/runtime_choice.h); the name is older
// than the fibers.
namespace threads {
void spawn(WorkPtr body, std::source_location where);
TaskRef self() noexcept;
void park(Parking& parking, const Op& waiting_on) noexcept;
void unpark(Parking& parking) noexcept;
std::size_t choose(std::size_t n) noexcept;
TimerId start_timer(Time when, WorkPtr fire);
bool stop_timer(TimerId id);
// Tasks started with spawn that have not yet returned (for goleak-style checks in tests).
std::size_t live_tasks() noexcept;
// Whether a task that finds a lock taken should spin for it rather than park at once: not
// where the holder may be a task waiting for this very worker (Go's canSpin: no other work
// queued here, and more than one worker).
bool spin_worthwhile() noexcept;
// Runs `call` where it may block its OS thread without stalling other tasks (weft::blocking):
// on a fiber, on a pool thread while the task parks; on a plain thread, right here.
void run_blocking(Work& call, std::source_location where);
}  // namespace threads

inline ObjectId object_id(const void* object) noexcept {
  return reinterpret_cast<ObjectId>(object);
}

// Reports only: the production runtimes keep no names.
inline void made(const void* object, std::source_location where) {
  if (Runtime* r = installed_runtime) [[unlikely]] r->made(object_id(object), where);
}
inline void named(ObjectId object, std::string_view name) {
  if (Runtime* r = installed_runtime) [[unlikely]] r->named(object, name);
}

// The dispatch primitives use. The production path is one predictable branch.
inline void point(const Op& op) {
  if (Runtime* r = installed_runtime) [[unlikely]] r->point(op);
}
// point() for an operation on one object.
inline void point(OpKind kind, const void* object, std::source_location where) {
  if (Runtime* r = installed_runtime) [[unlikely]] r->point(Op{kind, object_id(object), {}, where});
}
inline TaskRef self() noexcept {
  if (Runtime* r = installed_runtime) [[unlikely]] return r->self();
  return threads::self();
}
inline void park(Parking& parking, const Op& waiting_on) {
  if (Runtime* r = installed_runtime) [[unlikely]] return r->park(parking, waiting_on);
  threads::park(parking, waiting_on);
}
inline void unpark(Parking& parking) {
  if (Runtime* r = installed_runtime) [[unlikely]] return r->unpark(parking);
  threads::unpark(parking);
}
inline Parking::Parking() noexcept : task(self()) {}
inline std::size_t choose(std::size_t n) {
  if (Runtime* r = installed_runtime) [[unlikely]] return r->choose(n);
  return threads::choose(n);
}
inline Time now() {
  if (Runtime* r = installed_runtime) [[unlikely]] return r->now();
  return Clock::now();
}
inline void spawn(WorkPtr body, std::source_location where) {
  if (Runtime* r = installed_runtime) [[unlikely]] return r->spawn(std::move(body), where);
  threads::spawn(std::move(body), where);
}
inline TimerId start_timer(Time when, WorkPtr fire) {
  if (Runtime* r = installed_runtime) [[unlikely]] return r->start_timer(when, std::move(fire));
  return threads::start_timer(when, std::move(fire));
}
inline bool stop_timer(TimerId id) {
  if (Runtime* r = installed_runtime) [[unlikely]] return r->stop_timer(id);
  return threads::stop_timer(id);
}
inline void release(SyncSlot& slot) {
  if (Runtime* r = installed_runtime) [[unlikely]] r->release(slot);
}
inline void acquire(SyncSlot& slot) {
  if (Runtime* r = installed_runtime) [[unlikely]] r->acquire(slot);
}

}  // namespace weft::rt

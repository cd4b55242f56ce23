#include "deadlock_watch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fiber_scheduler.h"
#include "sanitizers.h"
#include "task_pool.h"
#include "timer_queue.h"

namespace weft::rt {

namespace {

constexpr auto kWatchPeriod = std::chrono::milliseconds(20);

// ThreadSanitizer runs a background thread of its own once the process has made a thread (the
// watcher is one, so by the time it looks, that thread exists).
#ifdef WEFT_TSAN_FIBERS
constexpr std::size_t kSanitizerThreads = 1;
#else
constexpr std::size_t kSanitizerThreads = 0;
#endif

// One per plain thread that ever slept in a weft operation; lives as long as the thread.
struct SleeperRecord {
  std::atomic<const Op*> waiting_on{nullptr};  // non-null while asleep
  const std::source_location* task_started_at = nullptr;  // a threads-runtime task's start
  SleeperRecord* next = nullptr;
  SleeperRecord* prev = nullptr;
};

std::mutex g_records_mu;
SleeperRecord* g_records = nullptr;  // guarded by g_records_mu

struct RecordHolder {
  SleeperRecord record;
  bool listed = false;
  void list() {
    std::lock_guard hold(g_records_mu);
    record.next = g_records;
    if (g_records != nullptr) g_records->prev = &record;
    g_records = &record;
    listed = true;
  }
  ~RecordHolder() {
    if (!listed) return;
    std::lock_guard hold(g_records_mu);
    if (record.prev != nullptr) record.prev->next = record.next;
    if (record.next != nullptr) record.next->prev = record.prev;
    if (g_records == &record) g_records = record.next;
  }
};
thread_local RecordHolder tl_record;

std::atomic<std::size_t> g_plain_asleep{0};
std::atomic<std::uint64_t> g_activity{0};

// The process's OS threads, from /proc/self/stat (field 20); 0 if it cannot be read.
std::size_t os_threads() noexcept {
  std::FILE* f = std::fopen("/proc/self/stat", "r");
  if (f == nullptr) return 0;
  char buf[1024];
  const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  buf[n] = '\0';
  const char* p = std::strrchr(buf, ')');  // the command name may hold spaces and parentheses
  if (p == nullptr) return 0;
  // Fields after the name start at field 3 (state); num_threads is field 20.
  for (int field = 2; field < 20 && p != nullptr; ++field) p = std::strchr(p + 1, ' ');
  return p == nullptr ? 0 : static_cast<std::size_t>(std::strtoul(p + 1, nullptr, 10));
}

// Wake-ups and spawns so far: plain threads' here, fiber workers' counted per worker.
std::uint64_t activity() noexcept {
  return g_activity.load(std::memory_order_seq_cst) + fibers::activity();
}

// Whether the program looks deadlocked right now (see the header for the conditions).
bool looks_deadlocked() noexcept {
  if (threads::timers_busy() != 0) return false;
  if (!fibers::quiescent()) return false;
  const std::size_t plain = g_plain_asleep.load(std::memory_order_seq_cst);
  if (plain == 0 && fibers::live_tasks() == 0) return false;
  const std::size_t accounted = 1 /* this watcher */ + kSanitizerThreads +
                                fibers::runtime_threads() +
                                (threads::timer_thread_started() ? 1 : 0) +
                                threads::pool_idle_threads() + plain;
  return os_threads() == accounted;
}

std::string site(std::source_location where) {
  return std::string(where.file_name()) + ":" + std::to_string(where.line());
}

[[noreturn]] void report() noexcept {
  std::vector<std::string> lines;
  {
    std::lock_guard hold(g_records_mu);
    for (SleeperRecord* r = g_records; r != nullptr; r = r->next) {
      if (const Op* op = r->waiting_on.load(std::memory_order_acquire)) {
        const std::string who = r->task_started_at != nullptr
                                    ? "task (started at " + site(*r->task_started_at) + ")"
                                    : std::string("a thread (not a task)");
        lines.push_back("  " + who + " waits in " + to_string(op->kind) + " at " +
                        site(op->where));
      }
    }
  }
  fibers::for_each_blocked([&](std::source_location started_at, const Op* op) {
    lines.push_back("  task (started at " + site(started_at) + ") waits in " +
                    (op != nullptr ? std::string(to_string(op->kind)) + " at " + site(op->where)
                                   : std::string("?")));
  });
  std::sort(lines.begin(), lines.end());  // threads that are not tasks first, then tasks
  // Everything is asleep in weft, so no thread holds a stdio lock: what the program printed
  // comes out before the report, as in Go.
  std::fflush(nullptr);
  std::fprintf(stderr, "weft: deadlock: every task is blocked, %zu blocked for ever:\n",
               lines.size());
  for (const std::string& line : lines) std::fprintf(stderr, "%s\n", line.c_str());
  std::fflush(stderr);
  std::_Exit(2);
}

void watch() {
  for (;;) {
    std::this_thread::sleep_for(kWatchPeriod);
    const std::uint64_t before = activity();
    if (!looks_deadlocked()) continue;
    std::this_thread::sleep_for(kWatchPeriod);
    if (!looks_deadlocked()) continue;
    if (activity() != before) continue;
    report();
  }
}

}  // namespace

void start_deadlock_watch() noexcept {
  static std::once_flag once;
  std::call_once(once, [] { std::thread(watch).detach(); });
}

void plain_thread_sleeps(const Op& waiting_on) noexcept {
  RecordHolder& holder = tl_record;
  if (!holder.listed) holder.list();
  holder.record.waiting_on.store(&waiting_on, std::memory_order_release);
  g_plain_asleep.fetch_add(1, std::memory_order_seq_cst);
  start_deadlock_watch();
}

void plain_thread_sleep_cancelled() noexcept {
  g_plain_asleep.fetch_sub(1, std::memory_order_seq_cst);
  plain_thread_awake();
}

void plain_thread_runs_task(const std::source_location* started_at) noexcept {
  tl_record.record.task_started_at = started_at;
}

void plain_thread_awake() noexcept {
  tl_record.record.waiting_on.store(nullptr, std::memory_order_relaxed);
}

void plain_thread_woken() noexcept {
  g_plain_asleep.fetch_sub(1, std::memory_order_seq_cst);
  g_activity.fetch_add(1, std::memory_order_seq_cst);
}

void note_activity() noexcept { g_activity.fetch_add(1, std::memory_order_seq_cst); }

}  // namespace weft::rt

// weft::harness::explore — run a program under the model runtime, over many schedules, and
// report the first finding with the schedule that led to it.
//
//   weft::harness::Report r = weft::harness::explore([] {
//     auto ch = weft::make_chan<int>();
//     weft::go([ch] { ch.send(1); });
//     weft::select(weft::case_recv(ch), weft::case_default());   // the sender may leak
//   });
//   // r.verdict == Verdict::leak; r.to_string() prints the trace and the replay token
//
// The program runs as the main task; every task is a fiber on this OS thread, and at each
// visible operation (and at each select with several ready cases) the explorer chooses what
// happens next. Strategies: every Mazurkiewicz trace once (Strategy::dfs, the default: source-set
// DPOR with sleep sets; with Options::max_preemptions, every schedule of at most that many
// preemptions instead, bound 0 first), pseudo-random schedules from a seed (Strategy::random),
// or PCT with depth Options::pct_depth (Strategy::pct). A finding is shrunk to the fewest
// preemptions that still show it (Options::shrink). A pending timer may fire at any step
// (a timeout can always win a race in production), in deadline order;
// Options::synctest_timers fires timers only when every task is blocked (Go's testing/synctest
// rule). Time is virtual: when no task can run, the clock jumps to the next timer.
//
// Replay: Options::replay, or the environment variable WEFT_REPLAY when Options::replay is
// empty, runs exactly the schedule a Report's token names. WEFT_REPLAY=name:token applies only
// to the exploration whose Options::name is `name` (the gtest helpers name it after the test,
// weft-explore after the program); a bare token applies to every exploration. A token that
// does not fit the program is an error (std::invalid_argument), never a different run.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace weft::harness {

enum class Verdict { ok, deadlock, leak, panic, assertion, race, nontermination };
const char* to_string(Verdict v) noexcept;

enum class Strategy { dfs, random, pct };
const char* to_string(Strategy s) noexcept;

struct Options {
  Strategy strategy = Strategy::dfs;
  std::uint64_t seed = 1;                    // for Strategy::random and Strategy::pct
  std::size_t pct_depth = 3;                 // Strategy::pct: bugs of this many ordering
                                             // constraints get probabilistic guarantees
  static constexpr std::size_t kUnbounded = static_cast<std::size_t>(-1);
  std::size_t max_preemptions = kUnbounded;  // Strategy::dfs: every schedule with 0, then 1,
                                             // ... up to this many preemptions (no DPOR)
  bool shrink = true;                        // a finding: look for the same verdict with
                                             // fewer preemptions before reporting it
  std::size_t shard_index = 0;               // Strategy::dfs: explore shard shard_index of
  std::size_t shard_count = 1;               // shard_count (a CI job matrix); the shards'
                                             // executions add up to the whole search's
  std::size_t jobs = 1;                      // Strategy::dfs: one search shared by this many
                                             // threads, each trace run once as with one
                                             // (the program must keep no state between
                                             // executions, as for replay); max_executions
                                             // bounds all threads' executions together
  std::size_t max_executions = 10'000;
  std::chrono::milliseconds max_time{0};     // 0: no time budget
  std::size_t max_steps = 10'000;            // per task and execution; a task that takes
                                             // more steps is reported as nontermination
  std::size_t stack_size = 256 * 1024;       // per task; an overflow is a finding
  bool synctest_timers = false;              // true: timers fire only when no task can run
  bool race_detection = true;                // data races on weft::var; while on, a var
                                             // access is no scheduling point (the race
                                             // detector covers what its order could change);
                                             // off, every access is one
  bool release_points = false;               // false: an unlock is no scheduling point (it
                                             // commutes with every operation but try_lock);
                                             // a search that meets a try_lock starts again
                                             // with this true, and shards always set it
  bool sleep_sets = true;                    // dfs: skip schedules that only reorder
                                             // independent steps of ones already explored
  bool progress = true;                      // progress on stderr for long searches (a line
                                             // rewritten on a terminal, else every 5 s)
  std::string replay;                        // a Report's token: run that one schedule only
  std::string name;                          // what the program is called (WEFT_REPLAY=name:token)
};

// One step of a finding's trace, for pictures of it (Report::to_html).
struct TraceStep {
  std::string lane;   // who took it: "task 1", "task 0 (main)"; "" for the timer queue
  std::string what;   // "send #1 at file.cc:12", "blocks in recv #2 at ...", "panics: ..."
  bool blocks = false;
};

struct Report {
  Verdict verdict = Verdict::ok;
  std::string message;               // what went wrong, in a sentence (and the blocked tasks)
  std::vector<std::string> trace;    // the failing execution, one step per line
  std::vector<TraceStep> steps;      // the same, step by step
  std::vector<std::string> objects;  // where the objects the trace names were made:
                                     // "#2: made at file.cc:12", "accounts: made at ..."
  std::string replay_token;          // Options::replay or WEFT_REPLAY reruns that schedule
  Strategy strategy = Strategy::dfs;
  std::size_t executions = 0;
  std::size_t pruned = 0;            // executions cut short by sleep sets (dfs): redundant
                                     // (wakeup trees keep it 0 but where harness/README.md
                                     // "Not yet" says)
  std::size_t unfair = 0;            // executions cut because a task ran to the step bound
                                     // while another, ready all along, never ran (no livelock:
                                     // a real scheduler is fair)
  std::size_t preemptions = 0;       // a finding: how many its schedule needs
  std::size_t shrunk_from = 0;       // a finding shrunk: the preemptions of the one first found
  double seconds = 0;
  bool exhaustive = false;           // every schedule was explored (for verdict ok)
  bool replayed = false;             // this was a replay of one schedule
  std::string stopped_by;            // for ok and not exhaustive: which budget ended the search
  std::string program;               // Options::name, if given

  std::string to_string() const;     // for people: verdict, message, numbered trace, replay
  std::string to_json() const;       // for tools: the same, as one JSON object
  // A self-contained HTML page: one lane per task, the steps in order, blocked steps and the
  // last step marked, and how to replay it (`replay_command`: the command line that reruns it,
  // or "" for WEFT_REPLAY's form only).
  std::string to_html(const std::string& replay_command = "") const;
};

Report explore(const std::function<void()>& program, const Options& options = {});

}  // namespace weft::harness

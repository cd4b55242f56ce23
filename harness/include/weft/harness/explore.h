// weft::explore — run a program under the model runtime, over many schedules, and report the
// first finding with the schedule that led to it.
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
// happens next. This first version explores depth-first without reduction (every choice at
// every point) and does not yet detect data races. A pending timer may fire at any step (a
// timeout can always win a race in production), in deadline order; Options::synctest_timers
// fires timers only when every task is blocked instead (Go's testing/synctest rule).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace weft::harness {

enum class Verdict { ok, deadlock, leak, panic, nontermination };
const char* to_string(Verdict v) noexcept;

struct Options {
  std::size_t max_executions = 10'000;
  std::size_t max_steps = 10'000;    // per execution; beyond it the verdict is nontermination
  std::size_t stack_size = 256 * 1024;
  bool synctest_timers = false;      // true: timers fire only when no task can run
  std::string replay;                // a token from a Report: run that one schedule only
};

struct Report {
  Verdict verdict = Verdict::ok;
  std::string message;               // what went wrong, in a sentence
  std::vector<std::string> trace;    // the failing execution, one visible operation per line
  std::string replay_token;          // pass as Options::replay to run the same schedule again
  std::size_t executions = 0;
  bool exhaustive = false;           // every schedule was explored (for verdict ok)

  std::string to_string() const;
};

Report explore(const std::function<void()>& program, const Options& options = {});

}  // namespace weft::harness

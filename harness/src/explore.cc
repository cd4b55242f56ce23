// The explorer: depth-first over every choice of every execution, by re-running the program
// with a replayed prefix of choices and the next untried option at the deepest decision.
#include <sstream>

#include "model_runtime.h"
#include "weft/harness/explore.h"

namespace weft::harness {

const char* to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::ok: return "ok";
    case Verdict::deadlock: return "deadlock";
    case Verdict::leak: return "leak";
    case Verdict::panic: return "panic";
    case Verdict::nontermination: return "nontermination";
  }
  return "?";
}

std::string Report::to_string() const {
  std::ostringstream out;
  out << "verdict: " << harness::to_string(verdict) << " (" << executions << " execution"
      << (executions == 1 ? "" : "s") << (exhaustive ? ", exhaustive" : "") << ")\n";
  if (verdict == Verdict::ok) return out.str();
  out << message << "\ntrace:\n";
  for (std::size_t i = 0; i < trace.size(); ++i) out << "  " << i + 1 << ". " << trace[i] << "\n";
  out << "replay: Options::replay = \"" << replay_token << "\"\n";
  return out.str();
}

namespace {

Report run_one(const std::function<void()>& program, Schedule& schedule, const Options& options) {
  schedule.pos = 0;
  ModelRuntime runtime(schedule, options);
  Report r = runtime.run(program);
  // Choices past the end of a replayed prefix were made during this run; drop any left over.
  schedule.decisions.resize(schedule.pos);
  r.replay_token = schedule.token();
  return r;
}

}  // namespace

Report explore(const std::function<void()>& program, const Options& options) {
  if (!options.replay.empty()) {
    auto schedule = Schedule::parse(options.replay);
    if (!schedule) {
      Report bad;
      bad.verdict = Verdict::panic;
      bad.message = "invalid replay token: " + options.replay;
      return bad;
    }
    Report r = run_one(program, *schedule, options);
    r.executions = 1;
    return r;
  }
  Schedule schedule;
  for (std::size_t executions = 1;; ++executions) {
    Report r = run_one(program, schedule, options);
    r.executions = executions;
    if (r.verdict != Verdict::ok) return r;
    // Backtrack to the deepest decision with an untried option.
    while (!schedule.decisions.empty() &&
           schedule.decisions.back().taken + 1 >= schedule.decisions.back().options) {
      schedule.decisions.pop_back();
    }
    if (schedule.decisions.empty() || executions >= options.max_executions) {
      r.exhaustive = schedule.decisions.empty();
      r.trace.clear();
      return r;
    }
    ++schedule.decisions.back().taken;
  }
}

}  // namespace weft::harness

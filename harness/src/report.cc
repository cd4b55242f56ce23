// A Report in the two forms a user meets: text for people, JSON for tools.
#include <cstdio>
#include <sstream>

#include "weft/harness/explore.h"

namespace weft::harness {

const char* to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::ok: return "ok";
    case Verdict::deadlock: return "deadlock";
    case Verdict::leak: return "leak";
    case Verdict::panic: return "panic";
    case Verdict::assertion: return "assertion";
    case Verdict::race: return "race";
    case Verdict::nontermination: return "nontermination";
  }
  return "?";
}

const char* to_string(Strategy s) noexcept {
  switch (s) {
    case Strategy::dfs: return "dfs";
    case Strategy::random: return "random";
    case Strategy::pct: return "pct";
  }
  return "?";
}

std::string Report::to_string() const {
  std::ostringstream out;
  out << "verdict: " << harness::to_string(verdict) << " (" << executions << " execution"
      << (executions == 1 ? "" : "s");
  if (replayed) {
    out << ", replayed";
  } else {
    out << ", " << harness::to_string(strategy);
    if (exhaustive) out << ", exhaustive";
    if (pruned != 0) out << ", " << pruned << " cut short by sleep sets";
    if (unfair != 0) out << ", " << unfair << " cut as unfair";
    if (!stopped_by.empty()) out << ", stopped by " << stopped_by;
  }
  char time[32];
  std::snprintf(time, sizeof time, ", %.3f s)\n", seconds);
  out << time;
  if (verdict == Verdict::ok) return out.str();
  out << message << "\n";
  out << "the schedule preempts a task that could go on " << preemptions << " time"
      << (preemptions == 1 ? "" : "s");
  if (shrunk_from > 0) out << " (shrunk from " << shrunk_from << ", and to the fewest steps)";
  out << "\ntrace:\n";
  for (std::size_t i = 0; i < trace.size(); ++i) out << "  " << i + 1 << ". " << trace[i] << "\n";
  if (!objects.empty()) {
    out << "objects:\n";
    for (const std::string& o : objects) out << "  " << o << "\n";
  }
  out << "replay: WEFT_REPLAY=" << (program.empty() ? "" : program + ":") << replay_token
      << " (or Options::replay = \"" << replay_token << "\")\n";
  return out.str();
}

namespace {

std::string quoted(const std::string& s) {
  std::string q = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': q += "\\\""; break;
      case '\\': q += "\\\\"; break;
      case '\n': q += "\\n"; break;
      case '\t': q += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          q += buf;
        } else {
          q += static_cast<char>(c);
        }
    }
  }
  return q + "\"";
}

}  // namespace

std::string Report::to_json() const {
  std::ostringstream out;
  out << "{\"verdict\":" << quoted(harness::to_string(verdict))
      << ",\"message\":" << quoted(message) << ",\"strategy\":"
      << quoted(harness::to_string(strategy)) << ",\"executions\":" << executions
      << ",\"pruned\":" << pruned << ",\"unfair\":" << unfair << ",\"preemptions\":" << preemptions
      << ",\"shrunk_from\":" << shrunk_from << ",\"seconds\":" << seconds << ",\"exhaustive\":" << (exhaustive ? "true" : "false")
      << ",\"replayed\":" << (replayed ? "true" : "false")
      << ",\"stopped_by\":" << quoted(stopped_by) << ",\"replay_token\":" << quoted(replay_token)
      << ",\"trace\":[";
  for (std::size_t i = 0; i < trace.size(); ++i) out << (i ? "," : "") << quoted(trace[i]);
  out << "],\"objects\":[";
  for (std::size_t i = 0; i < objects.size(); ++i) out << (i ? "," : "") << quoted(objects[i]);
  out << "]}";
  return out.str();
}

}  // namespace weft::harness

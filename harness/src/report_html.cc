// A finding as a self-contained HTML page (Report::to_html): one lane per task, a row per step,
// blocked steps and the last step marked, the message and how to replay it. No script, no
// external resource: the page can be attached to a CI run or a bug report as it is.
#include <string>
#include <vector>

#include "weft/harness/explore.h"
#include "weft/version.h"

namespace weft::harness {

namespace {

std::string escaped(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

constexpr const char* kStyle = R"(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1d2330; background: #fff; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
h1 .verdict { color: #fff; background: #b3261e; padding: .1em .5em; border-radius: .3em; }
.message { white-space: pre-wrap; font-family: ui-monospace, monospace; background: #f6f7f9;
           padding: .6em .8em; border-left: 4px solid #b3261e; }
.replay code { background: #f6f7f9; padding: .1em .3em; }
.lanes { display: grid; gap: 2px 6px; margin-top: 1em; align-items: stretch; }
.lane-title { font-weight: 600; background: #e8eef9; padding: .4em .6em; border-radius: .3em;
              position: sticky; top: 0; }
.n { color: #7a8190; text-align: right; padding: .25em 0; font-family: ui-monospace, monospace; }
.step { background: #eef6ee; border-left: 3px solid #3a7d44; padding: .25em .5em;
        font-family: ui-monospace, monospace; font-size: 12px; border-radius: .2em; }
.step.blocked { background: #fff4e0; border-left-color: #c77700; }
.step.failing { background: #fde8e7; border-left-color: #b3261e; font-weight: 600; }
.empty { border-left: 1px dashed #d5d9e0; margin-left: 1em; }
h2.objects { font-size: 1em; margin: 1.2em 0 .3em; }
ul.objects { margin: 0; padding-left: 1.2em; font-size: 12px; }
footer { margin-top: 1.5em; color: #7a8190; font-size: 12px; }
)";

}  // namespace

std::string Report::to_html(const std::string& replay_command) const {
  // Lanes in the order their tasks first act; the timer queue's steps get a lane of their own.
  std::vector<std::string> lanes;
  auto lane_of = [&](const TraceStep& s) {
    const std::string name = s.lane.empty() ? "timers" : s.lane;
    for (std::size_t i = 0; i < lanes.size(); ++i) {
      if (lanes[i] == name) return i;
    }
    lanes.push_back(name);
    return lanes.size() - 1;
  };
  std::vector<std::size_t> lane_index;
  for (const TraceStep& s : steps) lane_index.push_back(lane_of(s));

  const std::string title = std::string(harness::to_string(verdict)) +
                            (program.empty() ? "" : " in " + program);
  std::string h = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>weft: " +
                  escaped(title) + "</title>\n<style>" + kStyle + "</style></head>\n<body>\n";
  h += "<h1><span class=\"verdict\">" + escaped(harness::to_string(verdict)) + "</span> " +
       escaped(program) + "</h1>\n";
  h += "<p class=\"message\">" + escaped(message) + "</p>\n";
  h += "<p>" + std::to_string(executions) + " execution" + (executions == 1 ? "" : "s") +
       ", the schedule preempts a task " + std::to_string(preemptions) + " time" +
       (preemptions == 1 ? "" : "s") + "; " + std::to_string(steps.size()) + " steps in " +
       std::to_string(lanes.size()) + " lane" + (lanes.size() == 1 ? "" : "s") + ".</p>\n";
  if (!replay_token.empty()) {
    h += "<p class=\"replay\">replay: <code>WEFT_REPLAY=" +
         escaped((program.empty() ? "" : program + ":") + replay_token) + "</code>";
    if (!replay_command.empty()) h += " or <code>" + escaped(replay_command) + "</code>";
    h += "</p>\n";
  }
  h += "<div class=\"lanes\" style=\"grid-template-columns: 3em repeat(" +
       std::to_string(lanes.size()) + ", minmax(14em, 1fr))\">\n<div></div>";
  for (const std::string& lane : lanes) {
    h += "<div class=\"lane-title\">" + escaped(lane) + "</div>";
  }
  h += "\n";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    h += "<div class=\"n\">" + std::to_string(i + 1) + "</div>";
    for (std::size_t l = 0; l < lanes.size(); ++l) {
      if (l != lane_index[i]) {
        h += "<div class=\"empty\"></div>";
        continue;
      }
      std::string cls = "step";
      if (steps[i].blocks) cls += " blocked";
      if (i + 1 == steps.size()) cls += " failing";
      h += "<div class=\"" + cls + "\" title=\"" + escaped(lanes[l]) + "\">" +
           escaped(steps[i].what) + "</div>";
    }
    h += "\n";
  }
  h += "</div>\n";
  if (!objects.empty()) {
    h += "<h2 class=\"objects\">objects</h2>\n<ul class=\"objects\">\n";
    for (const std::string& o : objects) h += "<li><code>" + escaped(o) + "</code></li>\n";
    h += "</ul>\n";
  }
  h += "<footer>weft " WEFT_VERSION_STRING " model checker</footer>\n</body></html>\n";
  return h;
}

}  // namespace weft::harness

// weft-explore: runs programs registered with WEFT_PROGRAM under the model checker.
// Exit status: 0 no finding, 1 a finding, 2 a usage error (unknown program, bad option).
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "weft/version.h"
#include "weft/harness/explore.h"
#include "weft/harness/program.h"

namespace {

using weft::harness::Options;
using weft::harness::Report;
using weft::harness::Verdict;

constexpr const char* kUsage = R"(usage: weft-explore [options] <program>...
       weft-explore --all [options]
       weft-explore --list

Runs each named program (registered with WEFT_PROGRAM) under weft's model checker, over
many schedules, and prints the first finding with its trace and replay token.

options:
  --list                  print the registered programs (name, file:line) and exit
  --all                   run every registered program
  --strategy dfs|random|pct
                          dfs (default): every Mazurkiewicz trace once (DPOR + sleep sets);
                          random: random schedules; pct: PCT (priorities, change points)
  --seed S                seed for random and pct (default 1)
  --pct-depth D           pct: the bug depth it gives guarantees for (default 3)
  --preemptions K         dfs: every schedule with at most K preemptions instead, 0 first
                          (no DPOR; the first finding has the fewest preemptions)
  --no-shrink             report a finding as found, without looking for one with fewer
                          preemptions
  --shard I/N             dfs: explore only shard I (0-based) of N, for a CI job matrix; the
                          shards' executions add up to the whole search's
  --jobs N                dfs: one search shared by N threads (each trace run exactly
                          once, as with one; --max-executions bounds them together)
  --max-executions N      stop after N executions (default 10000)
  --max-time SECONDS      stop after this long, e.g. 30 or 0.5 (default: no limit)
  --max-steps N           steps per task before non-termination (default 10000)
  --stack-size KIB        stack per task in KiB (default 256)
  --synctest              timers fire only when every task is blocked (testing/synctest)
  --no-races              do not look for data races on weft::var (every var access then
                          becomes a scheduling point, so the search grows)
  --require-exhaustive    a search a budget stopped before it covered every schedule
                          counts as a failure (exit status 1): for proofs in CI
  --replay TOKEN          run the one schedule a report's token names (one program only)
  --json                  one JSON object per program, one per line
  --html FILE             write each finding as an HTML page (one lane per task) to FILE; with
                          several programs, FILE gets each one's name: trace.html ->
                          trace.<program>.html
  --quiet                 no progress lines on stderr (printed for searches over 5 s)
  -h, --help              this text
  --version               weft's version
Options that take a value accept --option VALUE and --option=VALUE.

exit status: 0 no finding, 1 a finding in some program (or, with --require-exhaustive, a
search that was not exhaustive), 2 usage error (or a replay token that does not fit)
)";

[[noreturn]] void usage_error(const std::string& what) {
  std::fprintf(stderr, "weft-explore: %s\n(weft-explore --help for usage)\n", what.c_str());
  std::exit(2);
}

template <class N>
N number(std::string_view option, std::string_view text) {
  N value{};
  auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (err != std::errc{} || end != text.data() + text.size()) {
    usage_error(std::string(option) + " wants a number, not '" + std::string(text) + "'");
  }
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  bool json = false;
  std::string html;  // --html FILE
  bool all = false;
  bool list = false;
  bool require_exhaustive = false;
  std::vector<std::string> names;
  std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    // --option=value is --option value.
    std::string_view attached;
    bool has_attached = false;
    if (a.size() > 2 && a.substr(0, 2) == "--") {
      if (const std::size_t eq = a.find('='); eq != std::string_view::npos) {
        attached = a.substr(eq + 1);
        a = a.substr(0, eq);
        has_attached = true;
      }
    }
    auto value = [&]() -> std::string_view {
      if (has_attached) {
        has_attached = false;
        return attached;
      }
      if (i + 1 >= args.size()) usage_error(std::string(a) + " needs a value");
      return args[++i];
    };
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--version") {
      std::printf("weft-explore (weft %s)\n", WEFT_VERSION_STRING);
      return 0;
    } else if (a == "--list") {
      list = true;
    } else if (a == "--all") {
      all = true;
    } else if (a == "--json") {
      json = true;
    } else if (a == "--synctest") {
      options.synctest_timers = true;
    } else if (a == "--quiet") {
      options.progress = false;
    } else if (a == "--no-races") {
      options.race_detection = false;
    } else if (a == "--strategy") {
      const std::string_view s = value();
      if (s == "dfs") {
        options.strategy = weft::harness::Strategy::dfs;
      } else if (s == "random") {
        options.strategy = weft::harness::Strategy::random;
      } else if (s == "pct") {
        options.strategy = weft::harness::Strategy::pct;
      } else {
        usage_error("--strategy is dfs, random or pct, not '" + std::string(s) + "'");
      }
    } else if (a == "--pct-depth") {
      options.pct_depth = number<std::size_t>(a, value());
      if (options.pct_depth == 0) usage_error("--pct-depth is at least 1");
    } else if (a == "--preemptions") {
      options.max_preemptions = number<std::size_t>(a, value());
    } else if (a == "--no-shrink") {
      options.shrink = false;
    } else if (a == "--shard") {
      const std::string_view s = value();
      const std::size_t slash = s.find('/');
      if (slash == std::string_view::npos) usage_error("--shard wants I/N, like 0/4");
      options.shard_index = number<std::size_t>(a, s.substr(0, slash));
      options.shard_count = number<std::size_t>(a, s.substr(slash + 1));
      if (options.shard_count == 0 || options.shard_index >= options.shard_count) {
        usage_error("--shard " + std::string(s) + ": I must be below N, N at least 1");
      }
    } else if (a == "--jobs") {
      options.jobs = number<std::size_t>(a, value());
      if (options.jobs == 0) usage_error("--jobs is at least 1");
    } else if (a == "--seed") {
      options.seed = number<std::uint64_t>(a, value());
    } else if (a == "--max-executions") {
      options.max_executions = number<std::size_t>(a, value());
    } else if (a == "--max-time") {
      const double seconds = number<double>(a, value());  // 0.5 is half a second
      if (!(seconds > 0) || seconds > 1e9) usage_error("--max-time wants seconds above 0");
      options.max_time = std::chrono::milliseconds(
          std::max<std::int64_t>(1, static_cast<std::int64_t>(seconds * 1000)));
    } else if (a == "--max-steps") {
      options.max_steps = number<std::size_t>(a, value());
    } else if (a == "--stack-size") {
      options.stack_size = number<std::size_t>(a, value()) * 1024;
    } else if (a == "--html") {
      html = std::string(value());
      if (html.empty()) usage_error("--html needs a file name");
    } else if (a == "--replay") {
      options.replay = std::string(value());
    } else if (a == "--require-exhaustive") {
      require_exhaustive = true;
    } else if (!a.empty() && a[0] == '-') {
      usage_error("unknown option " + std::string(a));
    } else {
      names.emplace_back(a);
    }
    if (has_attached) usage_error(std::string(a) + " takes no value");
  }

  if (auto dups = weft::harness::duplicate_names(); !dups.empty()) {
    usage_error("program '" + dups.front() + "' is registered twice");
  }
  if (list) {
    for (const auto& p : weft::harness::programs()) {
      std::printf("%s\t%s:%d\n", p.name.c_str(), p.file, p.line);
    }
    return 0;
  }
  if (all) {
    for (const auto& p : weft::harness::programs()) names.push_back(p.name);
  }
  if (names.empty()) usage_error("name a program (weft-explore --list shows them) or use --all");
  if (!options.replay.empty() && names.size() != 1) usage_error("--replay runs one program");

  std::vector<const weft::harness::Program*> chosen;
  for (const std::string& n : names) {
    const auto* p = weft::harness::find_program(n);
    if (p == nullptr) usage_error("no program named '" + n + "' (weft-explore --list shows them)");
    chosen.push_back(p);
  }

  // The replay command names this binary as it was invoked (weft-explore, weft-explore-corpus,
  // or a test suite's own), so that it can be pasted back.
  const std::string command = argv[0];
  bool found = false;
  for (const auto* p : chosen) {
    Report r;
    options.name = p->name;
    try {
      r = weft::harness::explore(p->body, options);
    } catch (const std::invalid_argument& e) {
      usage_error(e.what());
    } catch (const std::logic_error& e) {
      std::fprintf(stderr, "weft-explore: %s: %s\n", p->name.c_str(), e.what());
      return 2;
    }
    found |= r.verdict != Verdict::ok;
    if (!html.empty() && r.verdict != Verdict::ok) {
      std::string path = html;
      if (chosen.size() > 1) {
        const std::size_t dot = path.rfind('.');
        const std::size_t slash = path.rfind('/');
        const bool has_ext = dot != std::string::npos && (slash == std::string::npos || dot > slash);
        path = has_ext ? path.substr(0, dot) + "." + p->name + path.substr(dot)
                       : path + "." + p->name;
      }
      std::FILE* f = std::fopen(path.c_str(), "w");
      const std::string page =
          r.to_html(command + " " + p->name + " --replay " + r.replay_token);
      if (f == nullptr || std::fwrite(page.data(), 1, page.size(), f) != page.size() ||
          std::fclose(f) != 0) {
        std::fprintf(stderr, "weft-explore: cannot write %s\n", path.c_str());
        return 2;
      }
      std::fprintf(stderr, "weft-explore: wrote the trace of %s as HTML: %s\n", p->name.c_str(),
                   path.c_str());
    }
    const bool unproved = require_exhaustive && r.verdict == Verdict::ok && !r.exhaustive && !r.replayed;
    found |= unproved;
    if (json) {
      const std::string j = r.to_json();
      std::printf("{\"program\":\"%s\",\"report\":%s}\n", p->name.c_str(), j.c_str());
    } else {
      std::printf("== %s (%s:%d)\n%s", p->name.c_str(), p->file, p->line, r.to_string().c_str());
      if (unproved) {
        std::printf("not proved: the search stopped (%s) before it covered every schedule\n",
                    r.stopped_by.c_str());
      }
      if (r.verdict != Verdict::ok) {
        std::printf("replay: %s %s --replay %s\n", command.c_str(), p->name.c_str(),
                    r.replay_token.c_str());
      }
    }
  }
  return found ? 1 : 0;
}

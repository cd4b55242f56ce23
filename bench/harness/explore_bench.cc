// weft-explore-bench: the model checker's speed on the exactness gates (harness/gates/gates.h).
//
// Prints, for each row: executions, seconds, executions per second and peak resident memory
// (the process's high-water mark after the row, so a row that grows memory shows it). Peers
// cannot run here; the figures the targets come from (GenMC v0.11 and Relacy on this kind of
// machine) are printed beside the rows they concern.
//
//   weft-explore-bench [--quick]     --quick: smaller searches (for a smoke run)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "weft/harness/explore.h"
#include "weft/harness/program.h"

namespace {

using weft::harness::Options;
using weft::harness::Report;

long peak_rss_kib() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

void row(const char* label, const char* program, Options o, const char* peer) {
  const weft::harness::Program* p = weft::harness::find_program(program);
  if (p == nullptr) {
    std::fprintf(stderr, "weft-explore-bench: %s is not registered\n", program);
    std::exit(2);
  }
  o.progress = false;
  const auto start = std::chrono::steady_clock::now();
  const Report r = weft::harness::explore(p->body, o);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (r.verdict != weft::harness::Verdict::ok) {
    std::fprintf(stderr, "weft-explore-bench: %s found something:\n%s\n", program,
                 r.to_string().c_str());
    std::exit(1);
  }
  std::printf("%-34s %10zu %8zu %9.3f %12.0f %9ld   %s\n", label, r.executions, r.pruned, s,
              static_cast<double>(r.executions) / s, peak_rss_kib() / 1024, peer);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      quick = true;
    } else if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) {
      std::printf("usage: weft-explore-bench [--quick]\n"
                  "  the model checker's speed on the exactness gates; --quick: smaller runs\n");
      return 0;
    } else {
      std::fprintf(stderr, "weft-explore-bench: unknown option '%s'\n", argv[i]);
      return 2;
    }
  }
  std::printf("%-34s %10s %8s %9s %12s %9s   %s\n", "search", "executions", "cut", "seconds",
              "exec/s", "peak MiB", "peer figure (cited, not run here)");
  Options random;
  random.strategy = weft::harness::Strategy::random;
  random.max_executions = quick ? 20'000 : 500'000;
  row("random, counter_2x2", "counter_2x2", random, "Relacy random: 1.76M exec/s");
  Options dfs;
  dfs.max_executions = 100'000'000;
  row("dfs, counter_3x2 (90 traces)", "counter_3x2", dfs, "GenMC: 90 in 0.18 s");
  row("dfs, counter_4x2 (2,520 traces)", "counter_4x2", dfs, "");
  if (!quick) {
    row("dfs, counter_5x2 (113,400 traces)", "counter_5x2", dfs, "");
    row("dfs, counter_4x3 (369,600 traces)", "counter_4x3", dfs, "GenMC: 369,600 in 28 s");
    Options jobs = dfs;
    jobs.jobs = 2;
    row("dfs, counter_4x3, --jobs 2", "counter_4x3", jobs, "(the same search on 2 threads)");
  }
  row("dfs, ainc_7 (5,040 traces)", "ainc_7", dfs, "");
  row("dfs, lock_rounds_after (20 traces)", "lock_rounds_after", dfs, "");
  return 0;
}

// weft-fuzz: the production runtime against the model checker, on small random programs.
//
// For each program (tests/harness/random_programs.h, drawn from a seed) the model checker
// enumerates every outcome the program can have (an exhaustive DPOR search); then the program
// runs many times on the production runtime WEFT_RUNTIME selects (fibers or threads), and every
// outcome seen there must be one of them. A disagreement prints the program, the outcome the
// runtime produced and the ones the model allows, and the exit status is 1.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>

#include "../harness/random_programs.h"
#include "weft/harness/explore.h"
#include "weft/weft.h"

namespace {

struct Args {
  long programs = 200;
  long runs = 20;
  long seed = 1;
};

void usage(std::FILE* to) {
  std::fputs(
      "usage: weft-fuzz [--programs N] [--runs K] [--seed S]\n"
      "  Draws N random weft programs (seeds S, S+1, ...; default 200 from 1), enumerates each\n"
      "  one's outcomes with the model checker, runs it K times (default 20) on the runtime\n"
      "  WEFT_RUNTIME selects, and checks every outcome seen is one the model allows.\n"
      "  Exit status: 0 no disagreement, 1 a disagreement (printed), 2 bad usage.\n",
      to);
}

bool parse_count(const char* flag, const char* text, long& out) {
  char* end = nullptr;
  const long v = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || v < 0) {
    std::fprintf(stderr, "weft-fuzz: %s needs a whole number, not '%s'\n", flag, text);
    return false;
  }
  out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    if (flag == "-h" || flag == "--help") {
      usage(stdout);
      return 0;
    }
    if (const auto eq = flag.find('='); eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      std::fprintf(stderr, "weft-fuzz: %s needs a value\n", flag.c_str());
      return 2;
    }
    long* target = flag == "--programs" ? &args.programs
                   : flag == "--runs"   ? &args.runs
                   : flag == "--seed"   ? &args.seed
                                        : nullptr;
    if (target == nullptr) {
      std::fprintf(stderr, "weft-fuzz: unknown option '%s'\n", flag.c_str());
      usage(stderr);
      return 2;
    }
    if (!parse_count(flag.c_str(), value.c_str(), *target)) return 2;
  }

  const char* runtime = weft::runtime_kind() == weft::RuntimeKind::fibers ? "fiber" : "threads";
  const auto started = std::chrono::steady_clock::now();
  long compared = 0;
  long skipped = 0;
  long runs = 0;
  long disagreements = 0;
  std::size_t model_outcomes = 0;
  std::size_t reached_outcomes = 0;  // distinct outcomes the runtime produced
  std::set<long> seeds_with_several;
  for (long k = 0; k < args.programs; ++k) {
    const auto seed = static_cast<std::uint64_t>(args.seed + k);
    const weft::testing::Program program = weft::testing::draw(seed);
    std::set<weft::testing::Outcome> allowed;
    weft::harness::Options options;
    options.max_executions = 200'000;
    options.race_detection = false;
    options.progress = false;
    const weft::harness::Report model =
        weft::harness::explore([&] { allowed.insert(weft::testing::run(program)); }, options);
    if (model.verdict != weft::harness::Verdict::ok) {
      std::fprintf(stderr, "weft-fuzz: seed %ld: the model checker found %s, but these programs "
                   "always end:\n%s\n", static_cast<long>(seed),
                   weft::harness::to_string(model.verdict), model.to_string().c_str());
      return 1;
    }
    if (!model.exhaustive) {
      ++skipped;  // too many outcomes to enumerate: not compared
      continue;
    }
    ++compared;
    model_outcomes += allowed.size();
    if (allowed.size() > 1) seeds_with_several.insert(static_cast<long>(seed));
    std::set<weft::testing::Outcome> reached;
    for (long r = 0; r < args.runs; ++r) {
      const weft::testing::Outcome seen = weft::run([&] { return weft::testing::run(program); });
      ++runs;
      if (allowed.count(seen) != 0) {
        reached.insert(seen);
        continue;
      }
      ++disagreements;
      std::printf("DISAGREEMENT seed %ld (%s): the %s runtime produced\n  %s\nwhich the model "
                  "checker does not allow; it allows %zu outcome(s):\n",
                  static_cast<long>(seed), program.describe().c_str(), runtime,
                  weft::testing::describe(seen).c_str(), allowed.size());
      for (const auto& o : allowed) std::printf("  %s\n", weft::testing::describe(o).c_str());
      break;
    }
    reached_outcomes += reached.size();
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::printf("weft-fuzz: %ld programs compared (%zu with several outcomes, %zu outcomes in the "
              "model), %ld runs on the %s runtime reaching %zu of those outcomes, "
              "%ld disagreement(s), %ld program(s) too big to enumerate, %.1f s\n",
              compared, seeds_with_several.size(), model_outcomes, runs, runtime,
              reached_outcomes, disagreements, skipped, took.count());
  return disagreements == 0 ? 0 : 1;
}

// Stress, bounded: many tasks at once on the production runtime. Each test asserts that every
// task finished with the right result and prints the process's peak resident memory (a figure
// to watch, not a pass/fail threshold: it depends on the machine). Run on the default preset
// only: under a sanitizer these sizes take minutes. Each body runs in weft::run, as a Go
// program's main does in a goroutine.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>

#include "weft/weft.h"

namespace weft {
namespace {

long peak_rss_kib() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void report(const char* what, std::chrono::steady_clock::time_point started) {
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::printf("[ stress   ] %s: %.2f s, peak resident memory %.1f MiB (%s runtime)\n", what,
              took.count(), static_cast<double>(peak_rss_kib()) / 1024.0,
              runtime_kind() == RuntimeKind::fibers ? "fiber" : "threads");
  std::fflush(stdout);
}

// A chain of 100,000 tasks, each passing values from its left to its right: all alive and
// blocked at once, then 10 values ripple through the whole chain.
TEST(Stress, PipelineOfAHundredThousandTasks) {
  run([] {
    constexpr int kStages = 100'000;
    constexpr int kValues = 10;
    const auto started = std::chrono::steady_clock::now();
    auto first = make_chan<int>();
    chan<int> left = first;
    for (int i = 0; i < kStages; ++i) {
      auto right = make_chan<int>();
      go([left, right] {
        for (int v : left) right.send(v + 1);
        right.close();
      });
      left = right;
    }
    go([first] {
      for (int v = 0; v < kValues; ++v) first.send(v);
      first.close();
    });
    int received = 0;
    for (int v : left) {
      EXPECT_EQ(v, received + kStages);
      ++received;
    }
    EXPECT_EQ(received, kValues);
    report("pipeline of 100,000 tasks", started);
  });
}

TEST(Stress, AMillionSpawnsAndJoins) {
  run([] {
    constexpr int kRounds = 1'000'000;
    const auto started = std::chrono::steady_clock::now();
    auto done = make_chan<int>();
    long long sum = 0;
    for (int i = 0; i < kRounds; ++i) {
      go([done, i] { done.send(i); });
      sum += done.recv().value;
    }
    EXPECT_EQ(sum, 1LL * kRounds * (kRounds - 1) / 2);
    report("1,000,000 spawn+join", started);
  });
}

TEST(Stress, FanOutFanInOfTenThousandWorkers) {
  run([] {
    constexpr int kWorkers = 10'000;
    constexpr int kJobsPerWorker = 20;
    const auto started = std::chrono::steady_clock::now();
    auto jobs = make_chan<int>(64);
    auto results = make_chan<long long>(64);
    WaitGroup wg;
    wg.add(kWorkers);
    for (int w = 0; w < kWorkers; ++w) {
      go([jobs, results, &wg] {
        for (int j : jobs) results.send(1LL * j * j);
        wg.done();
      });
    }
    go([jobs] {
      for (int j = 0; j < kWorkers * kJobsPerWorker; ++j) jobs.send(j);
      jobs.close();
    });
    go([results, &wg] {
      wg.wait();
      results.close();
    });
    long long sum = 0;
    long long count = 0;
    for (long long r : results) {
      sum += r;
      ++count;
    }
    const long long n = 1LL * kWorkers * kJobsPerWorker;
    EXPECT_EQ(count, n);
    EXPECT_EQ(sum, (n - 1) * n * (2 * n - 1) / 6);
    report("fan-out/fan-in of 10,000 workers", started);
  });
}

}  // namespace
}  // namespace weft

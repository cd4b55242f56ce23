// Sync and context workloads. Twins of the same names live in bench/peers/go/sync_test.go.
// One "op" is: a lock+unlock (MutexUncontended, MutexContended4), an add/done/wait round
// (WaitGroupRound), or canceling a context and waiting until all 1,000 tasks blocked on its
// done channel have woken (ContextCancelFanout1000).
#include <benchmark/benchmark.h>

#include <chrono>
#include <mutex>

#include "in_task.h"
#include "weft/weft.h"

namespace {

void MutexUncontended(benchmark::State& state) {
  weft_bench::in_task([&] {
    weft::Mutex mu;
    long counter = 0;
    for (auto _ : state) {
      mu.lock();
      ++counter;
      mu.unlock();
    }
    benchmark::DoNotOptimize(counter);
  });
}
BENCHMARK(MutexUncontended)->UseRealTime();

void MutexContended4(benchmark::State& state) {
  weft_bench::in_task([&] {
    constexpr int kTasks = 4;
    const int per_task = static_cast<int>(state.range(0));
    for (auto _ : state) {
      weft::Mutex mu;
      long counter = 0;
      weft::WaitGroup wg;
      wg.add(kTasks);
      const auto t0 = std::chrono::steady_clock::now();
      for (int t = 0; t < kTasks; ++t) {
        weft::go([&] {
          for (int i = 0; i < per_task; ++i) {
            std::lock_guard guard(mu);
            ++counter;
          }
          wg.done();
        });
      }
      wg.wait();
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - t0;
      state.SetIterationTime(elapsed.count() / (per_task * kTasks));
      benchmark::DoNotOptimize(counter);
    }
  });
}
BENCHMARK(MutexContended4)->Arg(100'000)->UseManualTime()->Iterations(5);

void WaitGroupRound(benchmark::State& state) {
  weft_bench::in_task([&] {
    weft::WaitGroup wg;
    for (auto _ : state) {
      wg.add(1);
      wg.done();
      wg.wait();
    }
  });
}
BENCHMARK(WaitGroupRound)->UseRealTime();

void ContextCancelFanout1000(benchmark::State& state) {
  weft_bench::in_task([&] {
    constexpr int kWaiters = 1000;
    for (auto _ : state) {
      auto [ctx, cancel] = weft::with_cancel(weft::background());
      weft::WaitGroup started, woken;
      started.add(kWaiters);
      woken.add(kWaiters);
      for (int i = 0; i < kWaiters; ++i) {
        weft::go([&, c = ctx] {
          started.done();
          c.done().recv();
          woken.done();
        });
      }
      started.wait();
      const auto t0 = std::chrono::steady_clock::now();
      cancel();
      woken.wait();
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - t0;
      state.SetIterationTime(elapsed.count());
    }
  });
}
BENCHMARK(ContextCancelFanout1000)->UseManualTime()->Iterations(20);

}  // namespace

// Channel, select and task workloads. Each has a twin of the same name in
// bench/peers/go/chan_test.go; scripts/bench prints the two side by side.
// One benchmark "op" is: a round trip (PingPong), an element (BufferedSPSC, MPMC4x4), a select
// (Select2), or a spawn plus waiting for the task to finish (SpawnJoin).
#include <benchmark/benchmark.h>

#include "in_task.h"
#include "weft/weft.h"

namespace {

constexpr int kBuffer = 128;

void PingPong(benchmark::State& state) {
  weft_bench::in_task([&] {
    auto ping = weft::make_chan<int>();
    auto pong = weft::make_chan<int>();
    weft::go([=] {
      for (int v : ping) pong.send(v);
    });
    int i = 0;
    for (auto _ : state) {
      ping.send(i++);
      benchmark::DoNotOptimize(pong.recv());
    }
    ping.close();
  });
}
BENCHMARK(PingPong)->UseRealTime();

void BufferedSPSC(benchmark::State& state) {
  weft_bench::in_task([&] {
    auto ch = weft::make_chan<int>(kBuffer);
    const auto n = state.max_iterations;
    weft::go([=] {
      for (benchmark::IterationCount i = 0; i < n; ++i) ch.send(static_cast<int>(i));
    });
    for (auto _ : state) benchmark::DoNotOptimize(ch.recv());
  });
}
BENCHMARK(BufferedSPSC)->UseRealTime();

// Four producers and four consumers on one buffered channel. The tasks' start-up is part of
// each batch, so the batch is large (200,000 elements) and its time is reported per element.
void MPMC4x4Timed(benchmark::State& state) {
  weft_bench::in_task([&] {
    constexpr int kSide = 4;
    for (auto _ : state) {
      const int per_task = static_cast<int>(state.range(0));
      auto ch = weft::make_chan<int>(kBuffer);
      auto done = weft::make_chan<int>(2 * kSide);
      const auto t0 = std::chrono::steady_clock::now();
      for (int p = 0; p < kSide; ++p) {
        weft::go([=] {
          for (int i = 0; i < per_task; ++i) ch.send(1);
          done.send(1);
        });
        weft::go([=] {
          for (int i = 0; i < per_task; ++i) ch.recv();
          done.send(1);
        });
      }
      for (int c = 0; c < 2 * kSide; ++c) done.recv();
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - t0;
      state.SetIterationTime(elapsed.count() / (per_task * kSide));
    }
  });
}
BENCHMARK(MPMC4x4Timed)->Name("MPMC4x4")->Arg(50'000)->UseManualTime()->Iterations(10);

void Select2(benchmark::State& state) {
  weft_bench::in_task([&] {
    auto a = weft::make_chan<int>(kBuffer);
    auto b = weft::make_chan<int>(kBuffer);
    const auto n = state.max_iterations;
    weft::go([=] {
      for (benchmark::IterationCount i = 0; i < n; ++i) {
        (i % 2 == 0 ? a : b).send(static_cast<int>(i));
      }
    });
    int sum = 0;
    for (auto _ : state) {
      weft::select(weft::case_recv(a, [&](int v) { sum += v; }),
                   weft::case_recv(b, [&](int v) { sum += v; }));
    }
    benchmark::DoNotOptimize(sum);
  });
}
BENCHMARK(Select2)->UseRealTime();

void SpawnJoin(benchmark::State& state) {
  weft_bench::in_task([&] {
    auto done = weft::make_chan<int>();
    for (auto _ : state) {
      weft::go([done] { done.send(1); });
      done.recv();
    }
  });
}
BENCHMARK(SpawnJoin)->UseRealTime();

}  // namespace

// The book's patterns, used correctly, explored to completion: no finding in any schedule.
#include "weft/harness/gtest.h"
#include "weft/weft.h"

namespace weft::harness {
namespace {

Options exhaustive_budget() {
  Options o;
  o.max_executions = 200'000;
  return o;
}

TEST(PatternsExplore, PipelineWithDoneChannelStoppedEarly) {
  EXPECT_TRUE(proves_clean(
      [] {
        auto done = make_chan<empty>();
        auto doubled = stream_stage(done, generator(done, {1, 2}), [](int v) { return v * 2; });
        check(doubled.recv().value == 2, "first value doubled");
        done.close();  // stop early: every stage must exit
      },
      exhaustive_budget()));
}

TEST(PatternsExplore, OrDoneStopsWhenDoneCloses) {
  EXPECT_TRUE(proves_clean(
      [] {
        auto done = make_chan<empty>();
        auto values = make_chan<int>();
        go([values] {
          values.send(1);
          values.close();
        });
        for (int v : or_done(done, recv_only<int>(values))) check(v == 1, "the value sent");
        done.close();
      },
      exhaustive_budget()));
}

TEST(PatternsExplore, TeeDeliversEveryValueToBoth) {
  EXPECT_TRUE(proves_clean(
      [] {
        auto done = make_chan<empty>();
        auto [a, b] = tee(done, generator(done, {7}));
        int sum = 0;
        for (int i = 0; i < 2; ++i) {
          select(case_recv(a, [&](int v) { sum += v; }), case_recv(b, [&](int v) { sum += v; }));
        }
        check(sum == 14, "each side saw the value");
        done.close();
      },
      exhaustive_budget()));
}

TEST(PatternsExplore, BridgeFlattensAStreamOfStreams) {
  EXPECT_TRUE(proves_clean(
      [] {
        auto done = make_chan<empty>();
        auto streams = make_chan<recv_only<int>>();
        go([done, streams] {
          streams.send(generator(done, {1}));
          streams.close();
        });
        int n = 0;
        for (int v : bridge(done, recv_only<recv_only<int>>(streams))) n += v;
        check(n == 1, "the one value came through");
        done.close();
      },
      exhaustive_budget()));
}

}  // namespace
}  // namespace weft::harness

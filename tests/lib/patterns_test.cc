// The book's patterns: each one's result, and that stopping early leaks no task.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "weft/weft.h"

namespace weft {
namespace {

template <class T>
std::vector<T> drain(recv_only<T> ch) {
  std::vector<T> out;
  for (auto& v : ch) out.push_back(std::move(v));
  return out;
}

std::vector<int> sorted(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(Generator, EmitsValuesThenCloses) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  EXPECT_EQ(drain(generator(done, {1, 2, 3})), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Take, RepeatAndRepeatFnStopWhenDoneCloses) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  EXPECT_EQ(drain(take<int>(done, repeat(done, {1, 2}), 5)), (std::vector<int>{1, 2, 1, 2, 1}));
  int n = 0;
  EXPECT_EQ(drain(take<int>(done, repeat_fn(done, [&n] { return n++; }), 3)),
            (std::vector<int>{0, 1, 2}));
  // The infinite generators are still running, blocked on send: done stops them.
  done.close();
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Stages, BatchAndStreamStylesAgree) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  auto add1 = [](int v) { return v + 1; };
  auto times2 = [](int v) { return v * 2; };
  const std::vector<int> values{1, 2, 3, 4};
  const auto batch = batch_stage(batch_stage(values, add1), times2);
  const auto stream = drain(stream_stage(done, stream_stage(done, generator(done, values), add1), times2));
  EXPECT_EQ(batch, (std::vector<int>{4, 6, 8, 10}));
  EXPECT_EQ(stream, batch);
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Stages, ConsumerStoppingEarlyLeaksNothing) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  auto pipeline = stream_stage(done, stream_stage(done, repeat(done, {1}), [](int v) { return v + 1; }),
                               [](int v) { return v * 2; });
  EXPECT_EQ(pipeline.recv().value, 4);
  done.close();  // three tasks are blocked somewhere in the pipeline
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Fan, OutAndInPreserveTheMultiset) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  std::vector<int> input(100);
  for (int i = 0; i < 100; ++i) input[static_cast<std::size_t>(i)] = i;
  auto workers = fan_out(done, generator(done, input), 4, [](int v) { return v * v; });
  ASSERT_EQ(workers.size(), 4u);
  auto merged = drain(fan_in(done, workers));
  std::vector<int> want;
  for (int i = 0; i < 100; ++i) want.push_back(i * i);
  EXPECT_EQ(sorted(merged), want);
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Fan, InStopsEarlyWithoutLeaks) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  auto merged = fan_in<int>(done, {repeat(done, {1}), repeat(done, {2}), repeat(done, {3})});
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(merged.recv().ok);
  done.close();
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(OrChannel, ClosesWhenAnySignalCloses) {
  LeakCheck leaks;
  std::vector<chan<empty>> signals(5);
  std::vector<recv_only<empty>> views;
  for (auto& s : signals) {
    s = make_chan<empty>();
    views.push_back(s);
  }
  auto any = or_channel(views);
  EXPECT_EQ(select(case_recv(any), case_default()), 1u) << "nothing fired yet";
  signals[3].close();
  EXPECT_FALSE(any.recv().ok);
  EXPECT_EQ(leaks.leaked(), 0u) << "every watcher exits once one fired";
  EXPECT_TRUE(or_channel(std::vector<recv_only<empty>>{}).is_nil());
}

TEST(OrChannel, WithTimers) {
  // The book's use: done after whichever of several deadlines comes first.
  using namespace std::chrono_literals;
  const auto start = now();
  auto any = or_channel<time_point>({after(1h), after(10ms), after(1min)});
  any.recv();
  EXPECT_GE(now() - start, 10ms);
}

TEST(OrDone, StopsRangingWhenDoneCloses) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  auto endless = make_chan<int>();  // not ours: nobody will ever close it
  go([endless, done] {
    for (int i = 0;; ++i) {
      if (select(case_recv(done), case_send(endless, i)) == 0) return;
    }
  });
  int seen = 0;
  for (int v : or_done(done, recv_only<int>(endless))) {
    if (v == 4) done.close();
    ++seen;
  }
  EXPECT_GE(seen, 5);
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Tee, BothOutputsGetEveryValue) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  auto [a, b] = tee(done, generator(done, {1, 2, 3}));
  std::vector<int> got_a, got_b;
  for (int i = 0; i < 3; ++i) {
    got_a.push_back(a.recv().value);
    got_b.push_back(b.recv().value);
  }
  EXPECT_EQ(got_a, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(got_b, got_a);
  EXPECT_FALSE(a.recv().ok);
  EXPECT_FALSE(b.recv().ok);
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Tee, StopsWhenDoneClosesWhileOneOutputIsUnread) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  auto [a, b] = tee(done, repeat(done, {7}));
  EXPECT_EQ(a.recv().value, 7);  // b is never read: tee waits on it until done
  done.close();
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Bridge, FlattensStreamsInOrder) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  auto streams = make_chan<recv_only<int>>();
  go([done, streams] {
    for (int i = 0; i < 4; ++i) {
      auto s = make_chan<int>(1);
      s.send(i);
      s.close();
      streams.send(s);
    }
    streams.close();
  });
  EXPECT_EQ(drain(bridge<int>(done, streams)), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Queue, BufferedLetsTheProducerRunAhead) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  auto q = buffered(done, generator(done, {1, 2, 3, 4, 5}), 3);
  EXPECT_EQ(q.cap(), 3u);
  EXPECT_EQ(drain(q), (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Queue, ChunkedGroupsValues) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  auto chunks = drain(chunked(done, generator(done, {1, 2, 3, 4, 5, 6, 7}), 3));
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0], (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(chunks[1], (std::vector<int>{4, 5, 6}));
  EXPECT_EQ(chunks[2], (std::vector<int>{7}));
  EXPECT_THROW(chunked(done, generator(done, {1}), 0), panic);
  done.close();
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Result, ErrorsTravelWithTheirValues) {
  LeakCheck leaks;
  auto done = make_chan<empty>();
  auto results = drain(try_stage(done, generator(done, {4, 0, 2}), [](int v) {
    if (v == 0) throw std::domain_error("division by zero");
    return 8 / v;
  }));
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[0].value(), 2);
  EXPECT_FALSE(results[1].ok());
  EXPECT_EQ(results[1].error(), "division by zero");
  EXPECT_EQ(results[2].value(), 4);
  EXPECT_EQ(leaks.leaked(), 0u);
}

TEST(Result, WorksForStringValues) {
  auto ok = result<std::string>::success("value");
  auto bad = result<std::string>::failure("error");
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.value(), "value");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), "error");
  EXPECT_FALSE(result<std::string>().ok());
}

TEST(Patterns, ContextDoneStopsAPipeline) {
  LeakCheck leaks;
  auto [ctx, cancel] = with_cancel(background());
  auto squares = stream_stage(ctx.done(), repeat_fn(ctx.done(), [] { return 3; }),
                              [](int v) { return v * v; });
  EXPECT_EQ(squares.recv().value, 9);
  cancel();
  EXPECT_EQ(leaks.leaked(), 0u);
}

}  // namespace
}  // namespace weft

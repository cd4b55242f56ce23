#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "probe.h"
#include "weft/weft.h"

namespace weft {
namespace {

using namespace std::chrono_literals;

bool is_done(const context& ctx) { return select(case_recv(ctx.done()), case_default()) == 0; }

TEST(Context, BackgroundIsNeverDone) {
  auto bg = background();
  EXPECT_TRUE(bg.done().is_nil());
  EXPECT_EQ(bg.err(), context_error::none);
  EXPECT_FALSE(bg.deadline().has_value());
  EXPECT_FALSE(is_done(todo()));
}

TEST(Context, CancelClosesDoneAndSetsErr) {
  auto [ctx, cancel] = with_cancel(background());
  EXPECT_FALSE(is_done(ctx));
  EXPECT_EQ(ctx.err(), context_error::none);
  cancel();
  EXPECT_TRUE(is_done(ctx));
  EXPECT_EQ(ctx.err(), context_error::canceled);
  EXPECT_STREQ(to_string(ctx.err()), "context canceled");
  cancel();  // safe twice
  EXPECT_EQ(ctx.err(), context_error::canceled);
}

TEST(Context, CancellationFlowsDownNeverUp) {
  auto [root, cancel_root] = with_cancel(background());
  auto [mid, cancel_mid] = with_cancel(root);
  auto [leaf, cancel_leaf] = with_cancel(mid);
  static const context_key<int> kDepth("depth");
  auto valued = with_value(leaf, kDepth, 3);
  auto [sibling, cancel_sibling] = with_cancel(root);

  cancel_mid();
  EXPECT_TRUE(is_done(mid));
  EXPECT_TRUE(is_done(leaf));
  EXPECT_TRUE(is_done(valued)) << "a value context shares its parent's cancellation";
  EXPECT_FALSE(is_done(root)) << "never up";
  EXPECT_FALSE(is_done(sibling));
  cancel_root();
  EXPECT_TRUE(is_done(sibling));
  cancel_leaf();
  cancel_sibling();
}

TEST(Context, ChildOfCanceledParentStartsCanceled) {
  auto [parent, cancel] = with_cancel(background());
  cancel();
  auto [child, cancel_child] = with_cancel(parent);
  EXPECT_TRUE(is_done(child));
  EXPECT_EQ(child.err(), context_error::canceled);
  cancel_child();
}

TEST(Context, CancelWakesEveryWaiter) {
  auto [ctx, cancel] = with_cancel(background());
  constexpr int kWaiters = 1000;
  WaitGroup wg;
  for (int i = 0; i < kWaiters; ++i) {
    wg.add(1);
    go([&wg, c = ctx] {
      c.done().recv();
      wg.done();
    });
  }
  cancel();
  wg.wait();
}

TEST(Context, TimeoutExpires) {
  const auto start = now();
  auto [ctx, cancel] = with_timeout(background(), 10ms);
  ASSERT_TRUE(ctx.deadline().has_value());
  ctx.done().recv();
  EXPECT_GE(now() - start, 10ms);
  EXPECT_EQ(ctx.err(), context_error::deadline_exceeded);
  EXPECT_STREQ(to_string(ctx.err()), "context deadline exceeded");
  cancel();
  EXPECT_EQ(ctx.err(), context_error::deadline_exceeded) << "err never changes once set";
}

TEST(Context, PastDeadlineIsAlreadyExceeded) {
  auto [ctx, cancel] = with_deadline(background(), now() - 1s);
  EXPECT_TRUE(is_done(ctx));
  EXPECT_EQ(ctx.err(), context_error::deadline_exceeded);
  cancel();
}

TEST(Context, ChildDeadlineIsNeverLaterThanParents) {
  auto [parent, cancel_parent] = with_timeout(background(), 10ms);
  auto [child, cancel_child] = with_timeout(parent, 1h);
  EXPECT_EQ(child.deadline(), parent.deadline());
  child.done().recv();
  EXPECT_EQ(child.err(), context_error::deadline_exceeded);
  cancel_child();
  cancel_parent();
}

TEST(Context, CancelBeforeDeadlineStopsTheTimer) {
  auto [ctx, cancel] = with_timeout(background(), 20ms);
  cancel();
  sleep(40ms);
  EXPECT_EQ(ctx.err(), context_error::canceled);
}

TEST(Context, ValuesAreFoundUpTheTree) {
  static const context_key<std::string> kUser("user");
  static const context_key<int> kAttempt("attempt");
  static const context_key<int> kOther("attempt");  // same name, different key
  auto ctx = with_value(background(), kUser, std::string("ada"));
  ctx = with_value(ctx, kAttempt, 1);
  auto [child, cancel] = with_cancel(ctx);
  auto inner = with_value(child, kAttempt, 2);
  ASSERT_NE(inner.value(kUser), nullptr);
  EXPECT_EQ(*inner.value(kUser), "ada");
  EXPECT_EQ(*inner.value(kAttempt), 2) << "the nearest value wins";
  EXPECT_EQ(*child.value(kAttempt), 1);
  EXPECT_EQ(inner.value(kOther), nullptr) << "keys compare by identity, not name";
  cancel();
}

TEST(Context, ToStopTokenFollowsCancellation) {
  auto [ctx, cancel] = with_cancel(background());
  std::stop_token token = to_stop_token(ctx);
  EXPECT_TRUE(token.stop_possible());
  EXPECT_FALSE(token.stop_requested());
  auto stopped = make_chan<int>();
  std::jthread worker([&stopped, token] {
    while (!token.stop_requested()) std::this_thread::sleep_for(1ms);
    stopped.close();
  });
  cancel();
  stopped.recv();
  EXPECT_TRUE(token.stop_requested());
  EXPECT_FALSE(to_stop_token(background()).stop_possible());
}

TEST(Context, WithStopTokenCancelsOnRequestStop) {
  std::stop_source source;
  auto [ctx, cancel] = with_stop_token(background(), source.get_token());
  EXPECT_FALSE(is_done(ctx));
  source.request_stop();
  EXPECT_TRUE(is_done(ctx));
  EXPECT_EQ(ctx.err(), context_error::canceled);
  cancel();

  std::stop_source already;
  already.request_stop();
  auto [ctx2, cancel2] = with_stop_token(background(), already.get_token());
  EXPECT_TRUE(is_done(ctx2));
  cancel2();
}

TEST(Context, JthreadJoinsTheCancellationTree) {
  // A std::jthread's own stop request cancels a weft context derived from it.
  auto finished = make_chan<context_error>(1);
  {
    std::jthread worker([finished](std::stop_token st) {
      auto [ctx, cancel] = with_stop_token(background(), st);
      ctx.done().recv();
      finished.send(ctx.err());
      cancel();
    });
  }  // ~jthread requests stop, then joins
  EXPECT_EQ(finished.recv().value, context_error::canceled);
}

}  // namespace
}  // namespace weft

// Directional views: a wrong-direction operation is a compile error, checked here with
// concepts (a requires-expression is false where the call would not compile).
#include <gtest/gtest.h>

#include <type_traits>

#include "weft/weft.h"

namespace weft {
namespace {

template <class C>
concept can_send = requires(const C& c) { c.send(1); };
template <class C>
concept can_try_send = requires(const C& c) { c.try_send(1); };
template <class C>
concept can_recv = requires(const C& c) { c.recv(); };
template <class C>
concept can_try_recv = requires(const C& c) { c.try_recv(); };
template <class C>
concept can_close = requires(const C& c) { c.close(); };
template <class C>
concept can_range = requires(const C& c) { c.begin(); };

static_assert(can_send<chan<int>> && can_recv<chan<int>> && can_close<chan<int>>);
static_assert(can_send<send_only<int>> && can_try_send<send_only<int>> && can_close<send_only<int>>);
static_assert(!can_recv<send_only<int>> && !can_try_recv<send_only<int>> &&
              !can_range<send_only<int>>);
static_assert(can_recv<recv_only<int>> && can_try_recv<recv_only<int>> && can_range<recv_only<int>>);
static_assert(!can_send<recv_only<int>> && !can_try_send<recv_only<int>> &&
              !can_close<recv_only<int>>);

// A chan converts to either view, as Go's assignability allows; a view never converts back,
// nor to the other view.
static_assert(std::is_convertible_v<chan<int>, send_only<int>>);
static_assert(std::is_convertible_v<chan<int>, recv_only<int>>);
static_assert(!std::is_convertible_v<recv_only<int>, chan<int>>);
static_assert(!std::is_convertible_v<send_only<int>, chan<int>>);
static_assert(!std::is_convertible_v<send_only<int>, recv_only<int>>);
static_assert(!std::is_convertible_v<recv_only<int>, send_only<int>>);

// A handle is as small as a shared_ptr.
static_assert(sizeof(chan<int>) == sizeof(std::shared_ptr<int>));

// The book's ownership pattern: the owner makes, sends, closes, and hands out a receive view.
recv_only<int> owner(int n) {
  auto results = make_chan<int>(n);
  go([results, n] {
    for (int i = 0; i < n; ++i) results.send(i);
    results.close();
  });
  return results;
}

TEST(ChanViews, OwnerHandsOutReceiveView) {
  int sum = 0;
  for (int v : owner(5)) sum += v;
  EXPECT_EQ(sum, 10);
}

TEST(ChanViews, ViewsNameTheSameChannel) {
  auto ch = make_chan<int>(1);
  send_only<int> tx = ch;
  recv_only<int> rx = ch;
  tx.send(4);
  EXPECT_EQ(rx.len(), 1u);
  EXPECT_EQ(rx.recv().value, 4);
  tx.close();
  EXPECT_FALSE(rx.recv().ok);
  EXPECT_TRUE(send_only<int>().is_nil());
}

}  // namespace
}  // namespace weft

// Element types: move-only, non-default-constructible, over-aligned, with destructors.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "probe.h"
#include "weft/weft.h"

namespace weft {
namespace {

TEST(ChanTypes, MoveOnlyElementsThroughBufferAndHandOff) {
  for (int capacity : {0, 2}) {
    auto ch = make_chan<std::unique_ptr<int>>(capacity);
    go([ch] {
      for (int i = 0; i < 5; ++i) ch.send(std::make_unique<int>(i));
      ch.close();
    });
    int expected = 0;
    for (auto& p : ch) {
      ASSERT_NE(p, nullptr);
      EXPECT_EQ(*p, expected++);
    }
    EXPECT_EQ(expected, 5);
  }
}

TEST(ChanTypes, TrySendKeepsMoveOnlyValueWhenItFails) {
  auto ch = make_chan<std::unique_ptr<int>>();
  auto value = std::make_unique<int>(42);
  EXPECT_FALSE(ch.try_send(std::move(value)));
  ASSERT_NE(value, nullptr) << "a failed try_send must not consume the value";
  EXPECT_EQ(*value, 42);
}

struct NoDefault {
  explicit NoDefault(int v) : value(v) {}
  int value;
};

TEST(ChanTypes, NonDefaultConstructibleWithRecvOpt) {
  auto ch = make_chan<NoDefault>(1);
  ch.send(NoDefault(3));
  ch.close();
  auto first = ch.recv_opt();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->value, 3);
  EXPECT_FALSE(ch.recv_opt().has_value());
}

struct alignas(64) Wide {
  int v = 0;
};

TEST(ChanTypes, OverAlignedElements) {
  auto ch = make_chan<Wide>(3);
  for (int i = 0; i < 3; ++i) ch.send(Wide{i});
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ch.recv().value.v, i);
}

struct Counted {
  static inline std::atomic<int> live{0};
  Counted() { ++live; }
  Counted(Counted&&) noexcept { ++live; }
  Counted(const Counted&) { ++live; }
  ~Counted() { --live; }
};

TEST(ChanTypes, BufferedElementsAreDestroyedWithTheChannel) {
  {
    auto ch = make_chan<Counted>(4);
    ch.send(Counted{});
    ch.send(Counted{});
    EXPECT_EQ(Counted::live.load(), 2);
  }
  EXPECT_EQ(Counted::live.load(), 0);
}

TEST(ChanTypes, Strings) {
  auto ch = make_chan<std::string>(1);
  ch.send(std::string(1000, 'x'));
  EXPECT_EQ(ch.recv().value.size(), 1000u);
}

}  // namespace
}  // namespace weft

// Footprint: what one step of a task touches, for the sleep sets' independence test.
//
// A step of a task is its pending visible operation plus the task-local code that runs until
// its next visible operation. Two steps of different tasks are independent (they commute, and
// neither enables or disables the other) when they touch no common object, or when both only
// read it. A fresh task's first step touches nothing shared; a timer firing touches everything.
// Timer operations also touch one shared object, the timer queue.
#pragma once

#include <array>
#include <cstddef>

#include "weft/rt/runtime.h"

namespace weft::harness {

class Footprint {
 public:
  static Footprint none() { return Footprint{}; }
  static Footprint everything() {
    Footprint f;
    f.everything_ = true;
    return f;
  }
  static Footprint of(const rt::Op& op);

  bool independent_of(const Footprint& other) const;

 private:
  void add(rt::ObjectId id);

  static constexpr std::size_t kMax = 8;  // more objects than this: treated as everything
  std::array<rt::ObjectId, kMax> objects_{};
  std::size_t count_ = 0;
  bool reads_only_ = false;
  bool everything_ = false;
};

}  // namespace weft::harness

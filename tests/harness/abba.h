// The AB-BA deadlock, shared by the harness tests: main and one task take two mutexes in
// opposite orders; some schedules deadlock.
#pragma once

#include <memory>

#include "weft/weft.h"

namespace weft::harness::testing {

inline void abba() {
  auto a = std::make_shared<Mutex>();
  auto b = std::make_shared<Mutex>();
  auto fin = make_chan<empty>();
  go([=] { a->lock(); b->lock(); b->unlock(); a->unlock(); fin.send({}); });
  // NOLINTNEXTLINE(weft-lock-order-inversion): the AB-BA deadlock under test
  b->lock(); a->lock(); a->unlock(); b->unlock();
  fin.recv();
}

}  // namespace weft::harness::testing

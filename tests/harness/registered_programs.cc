// Programs registered for the weft-explore command-line tests.
#include <memory>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(ping_pong_ok) {
  auto ping = weft::make_chan<int>();
  auto pong = weft::make_chan<int>();
  weft::go([=] {
    for (int v : ping) pong.send(v + 1);
  });
  ping.send(1);
  weft::check(pong.recv().value == 2, "pong answers ping + 1");
  ping.close();
}

WEFT_PROGRAM(abba_deadlock) {
  auto a = std::make_shared<weft::Mutex>();
  auto b = std::make_shared<weft::Mutex>();
  auto fin = weft::make_chan<weft::empty>();
  weft::go([=] {
    a->lock();
    b->lock();
    b->unlock();
    a->unlock();
    fin.send({});
  });
  b->lock();
  a->lock();  // NOLINT(weft-lock-order-inversion): the deadlock under test
  a->unlock();
  b->unlock();
  fin.recv();
}

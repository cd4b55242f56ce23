// expect: ok
// vet: clean
// Fixed kernels/timer_callback_race: the callback and the request path take the same mutex.
#include <chrono>

#include "weft/harness/program.h"
#include "weft/weft.h"

using namespace std::chrono_literals;

WEFT_PROGRAM(timer_callback_race_fixed) {
  weft::Mutex mu;
  weft::var<int> state{0};
  auto fired = weft::make_chan<weft::empty>(1);
  auto idle = weft::after_func(10ms, [&mu, &state, fired] {
    {
      weft::MutexLock hold(mu);
      state.write(0);
    }
    fired.send({});  // after the unlock: once main sees it, mu may be gone
  });
  {
    weft::MutexLock hold(mu);
    state.write(1);
  }
  fired.recv();
}

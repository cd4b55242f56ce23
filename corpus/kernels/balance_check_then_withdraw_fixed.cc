// expect: ok
// vet: clean
// Fixed kernels/balance_check_then_withdraw: one critical section checks and withdraws.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(balance_check_then_withdraw_fixed) {
  weft::Mutex mu;
  weft::var<int> balance{100};
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      weft::MutexLock hold(mu);
      if (balance.read() >= 80) balance.update([](int& b) { b -= 80; });
      wg.done();
    });
  }
  wg.wait();
  weft::MutexLock hold(mu);
  weft::check(balance.read() == 20, "exactly one withdrawal");
}

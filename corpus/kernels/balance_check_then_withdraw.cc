// expect: assertion
// vet: clean
// Kernel (non-blocking, atomicity): a wallet checks the balance under the lock, releases it,
// and withdraws under the lock again; two withdrawals both pass the check and overdraw.
// Bug: the invariant (balance >= 0) is checked in one critical section and relied on in
// another. Fix: check and withdraw together (kernels/balance_check_then_withdraw_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(balance_check_then_withdraw) {
  weft::Mutex mu;
  weft::var<int> balance{100};
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      mu.lock();
      bool enough = balance.read() >= 80;
      mu.unlock();
      if (enough) {
        mu.lock();
        balance.update([](int& b) { b -= 80; });
        mu.unlock();
      }
      wg.done();
    });
  }
  wg.wait();
  mu.lock();
  weft::check(balance.read() >= 0, "never overdrawn");
  mu.unlock();
}

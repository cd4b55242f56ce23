// expect: deadlock
// vet: weft-lock-order-inversion
// Kernel (blocking, resource): transfer(from, to) locks from then to; two transfers in opposite
// directions run at once and each holds the lock the other wants.
// Bug: lock order given by argument order. Fix: always lock the account with the lower id
// first (kernels/transfer_abba_fixed.cc).
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Account {
  int id;
  weft::Mutex mu;
  weft::var<int> balance{100};
};

void transfer(Account& from, Account& to, int amount) {
  from.mu.lock();
  to.mu.lock();  // expect-warning: weft-lock-order-inversion
  from.balance.update([&](int& b) { b -= amount; });
  to.balance.update([&](int& b) { b += amount; });
  to.mu.unlock();
  from.mu.unlock();
}
}  // namespace

WEFT_PROGRAM(transfer_abba) {
  Account a{1};
  Account b{2};
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    transfer(a, b, 10);
    wg.done();
  });
  transfer(b, a, 20);
  wg.wait();
}

// expect: ok
// vet: clean
// Fixed kernels/transfer_abba: both locks are taken in one global order (by account id).
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Account {
  int id;
  weft::Mutex mu;
  weft::var<int> balance{100};
};

void transfer(Account& from, Account& to, int amount) {
  Account& first = from.id < to.id ? from : to;
  Account& second = from.id < to.id ? to : from;
  first.mu.lock();
  second.mu.lock();
  from.balance.update([&](int& b) { b -= amount; });
  to.balance.update([&](int& b) { b += amount; });
  second.mu.unlock();
  first.mu.unlock();
}
}  // namespace

WEFT_PROGRAM(transfer_abba_fixed) {
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
  weft::check(a.balance.read() + b.balance.read() == 200, "money is conserved");
}

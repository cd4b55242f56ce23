#include "accounts.h"

// Shop::mu_ before Bank::mu_ and Ledger::mu_, always: orders, but no cycle.
void Shop::sell(Bank& bank, int n) {
  weft::MutexLock hold(mu_);
  sold_ += n;
  bank.deposit(n);
}

void run_shop() {
  Ledger ledger;
  Bank bank(ledger);
  ledger.attach(bank);
  Shop shop;
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    shop.sell(bank, 5);
    wg.done();
  });
  ledger.audit();
  wg.wait();
}

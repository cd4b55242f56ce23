#include "accounts.h"

int Bank::balance() {
  weft::MutexLock hold(mu_);
  return balance_;
}

void Bank::deposit(int n) {
  weft::MutexLock hold(mu_);
  balance_ += n;
  ledger_.record(n);
}

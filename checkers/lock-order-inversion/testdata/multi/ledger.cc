#include "accounts.h"

void Ledger::record(int n) {
  weft::MutexLock hold(mu_);
  total_ += n;
}

void Ledger::audit() {
  weft::MutexLock hold(mu_);
  if (bank_ != nullptr) total_ = bank_->balance();  // expect-warning: weft-lock-order-inversion
}

// expect: deadlock
// vet: weft-double-lock
// weft::Mutex is not recursive: a method that holds the lock calls another that takes it again.
#include "weft/harness/program.h"
#include "weft/weft.h"

struct Account {
  weft::Mutex mu;
  weft::var<int> balance{100};
  int read_balance() {
    mu.lock();
    int b = balance.read();
    mu.unlock();
    return b;
  }
  void withdraw(int amount) {
    mu.lock();
    if (read_balance() >= amount)  // expect-warning: weft-double-lock
      balance.update([&](int& b) { b -= amount; });
    mu.unlock();
  }
};

WEFT_PROGRAM(double_lock) {
  Account account;
  account.withdraw(10);
}

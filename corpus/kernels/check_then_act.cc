// expect: assertion
// vet: clean
// Kernel (non-blocking, atomicity): a registry checks "is this name taken?" under its lock,
// unlocks, then registers under the lock again; two tasks both see the name free.
// Bug: the check and the act are two critical sections. Fix: one critical section for both
// (kernels/check_then_act_fixed.cc).
#include <set>
#include <string>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(check_then_act) {
  weft::Mutex mu;
  std::multiset<std::string> names;  // guarded by mu
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      mu.lock();
      bool taken = names.count("db") != 0;
      mu.unlock();
      if (!taken) {
        mu.lock();
        names.insert("db");
        mu.unlock();
      }
      wg.done();
    });
  }
  wg.wait();
  weft::check(names.count("db") == 1, "the name is registered once");
}

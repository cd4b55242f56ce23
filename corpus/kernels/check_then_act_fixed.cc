// expect: ok
// vet: clean
// Fixed kernels/check_then_act: the check and the insert happen in one critical section.
#include <set>
#include <string>

#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(check_then_act_fixed) {
  weft::Mutex mu;
  std::multiset<std::string> names;  // guarded by mu
  weft::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    weft::go([&] {
      weft::MutexLock hold(mu);
      if (names.count("db") == 0) names.insert("db");
      wg.done();
    });
  }
  wg.wait();
  weft::check(names.count("db") == 1, "the name is registered once");
}

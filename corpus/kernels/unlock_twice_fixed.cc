// expect: ok
// vet: clean
// Fixed kernels/unlock_twice: the guard alone releases the mutex, at the end of its scope.
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
struct Cache {
  weft::Mutex mu;
  weft::var<int> hits{0};
  void refresh() {
    {
      weft::MutexLock hold(mu);
      hits.write(0);
    }
    // the slow part runs without the lock
  }
};
}  // namespace

WEFT_PROGRAM(unlock_twice_fixed) {
  Cache c;
  c.refresh();
}

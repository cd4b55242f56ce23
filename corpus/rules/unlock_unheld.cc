// expect: panic
// vet: weft-unlock-unheld
// An error path unlocks a mutex it never locked — "sync: unlock of unlocked mutex".
#include "weft/harness/program.h"
#include "weft/weft.h"

static bool load(weft::Mutex& mu, weft::var<int>& cache, int key) {
  if (key < 0) {
    mu.unlock();  // expect-warning: weft-unlock-unheld
    return false;
  }
  mu.lock();
  cache.write(key);
  mu.unlock();
  return true;
}

WEFT_PROGRAM(unlock_unheld) {
  weft::Mutex mu;
  weft::var<int> cache{0};
  load(mu, cache, 1);
  load(mu, cache, -1);
}

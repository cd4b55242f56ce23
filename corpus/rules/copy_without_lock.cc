// expect: race
// vet: weft-mutex-copied
// Breaks "a copy of a value holding a mutex reads it under that mutex" (go vet's copylocks, as
// it maps to C++): the class writes its own copy constructor, which reads the source's guarded
// counter without the source's lock, while a task updates it under that lock.
#include "weft/harness/program.h"
#include "weft/weft.h"

namespace {
class Stats {
 public:
  Stats() = default;
  Stats(const Stats& other) : hits_(other.hits_.read()) {}  // expect-warning: weft-mutex-copied
  void hit() {
    weft::MutexLock hold(mu_);
    hits_.update([](int& n) { ++n; });
  }
  int hits() {
    weft::MutexLock hold(mu_);
    return hits_.read();
  }

 private:
  weft::Mutex mu_;
  weft::var<int> hits_{0};
};
}  // namespace

WEFT_PROGRAM(copy_without_lock) {
  Stats live;
  weft::WaitGroup wg;
  wg.add(1);
  weft::go([&] {
    live.hit();
    wg.done();
  });
  Stats snapshot(live);
  wg.wait();
  weft::check(snapshot.hits() <= live.hits(), "a snapshot never runs ahead");
}

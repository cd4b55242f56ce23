// expect: deadlock
// vet: weft-double-lock
// Breaks "never take a read lock you already hold": between the two read locks a writer starts
// waiting, and a waiting writer holds back new readers — the reader waits for the writer, which
// waits for the reader.
#include "weft/harness/program.h"
#include "weft/weft.h"

WEFT_PROGRAM(recursive_read_lock) {
  weft::RWMutex mu;
  weft::var<int> value{0};
  auto writer_done = weft::make_chan<weft::empty>();
  mu.rlock();
  weft::go([&mu, &value, writer_done] {
    mu.lock();
    value.write(1);
    mu.unlock();
    writer_done.close();
  });
  value.read();  // the writer may queue up now
  mu.rlock();  // expect-warning: weft-double-lock
  value.read();
  mu.runlock();
  mu.runlock();
  writer_done.recv();
}

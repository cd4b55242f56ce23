// expect: n/a
// vet: weft-async-discarded
// The future of std::async(launch::async, ...) is dropped at once, and its destructor waits:
// the "background" work runs in the foreground, one call after another.
#include <cstdio>
#include <future>

static void flush_cache(int shard) { std::printf("flushed %d\n", shard); }

void flush_all() {
  for (int shard = 0; shard < 4; ++shard) {
    std::async(std::launch::async, flush_cache, shard);  // expect-warning: weft-async-discarded
  }
}

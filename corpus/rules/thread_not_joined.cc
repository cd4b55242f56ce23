// expect: n/a
// vet: weft-thread-not-joined
// A std::thread that an early return leaves joinable: its destructor calls std::terminate.
// Real threads are not run by the harness; this is weft-vet's to find.
#include <thread>

static bool config_is_valid(int config) { return config > 0; }

int run_flush(int config) {
  std::thread flusher([] {});
  if (!config_is_valid(config)) return -1;  // expect-warning: weft-thread-not-joined
  flusher.join();
  return 0;
}

// expect: n/a
// vet: weft-jthread-ignores-stop
// A std::jthread whose loop never looks at its stop_token: the jthread's destructor requests a
// stop and then joins a thread that will never stop.
#include <atomic>
#include <thread>

void poll_device(std::atomic<int>& readings) {
  std::jthread poller([&readings] {  // expect-warning: weft-jthread-ignores-stop
    for (;;) readings.fetch_add(1);
  });
}

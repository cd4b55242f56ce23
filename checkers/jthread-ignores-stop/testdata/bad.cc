#include <stop_token>
#include <thread>

void poll_once();

void bad() {
  std::jthread poller([] {  // expect-warning: weft-jthread-ignores-stop
    for (;;) poll_once();
  });
  std::jthread ignores([](std::stop_token) {  // expect-warning: weft-jthread-ignores-stop
    while (true) poll_once();
  });
}

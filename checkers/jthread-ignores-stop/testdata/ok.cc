#include <stop_token>
#include <thread>

void poll_once();

void ok() {
  std::jthread poller([](std::stop_token stop) {
    while (!stop.stop_requested()) poll_once();
  });
  std::jthread checks_inside([](std::stop_token stop) {
    for (;;) {
      if (stop.stop_requested()) return;
      poll_once();
    }
  });
  std::jthread finite([] { poll_once(); });
}

// The book's error handling: a task does not decide what to do with an error; it sends the
// error along with the result, to the code that has the whole picture.
#include <cstdio>
#include <stdexcept>
#include <string>

#include "weft/weft.h"

std::string fetch(std::string url) {
  if (url.rfind("https://", 0) != 0) throw std::invalid_argument("unsupported scheme: " + url);
  return "200 OK from " + url;
}

int main() {
  std::printf("error_handling: results coupled to errors\n");
  auto done = weft::make_chan<weft::empty>();
  auto urls = weft::generator<std::string>(done, {"https://a.example", "ftp://b.example",
                                                  "https://c.example", "gopher://d", "x"});
  int errors = 0;
  for (auto& r : weft::try_stage(done, urls, fetch)) {
    if (!r.ok()) {
      std::printf("  error: %s\n", r.error().c_str());
      if (++errors >= 3) {  // the caller decides: too many errors, stop everything
        std::printf("  too many errors, stopping\n");
        break;
      }
      continue;
    }
    std::printf("  response: %s\n", r.value().c_str());
  }
  done.close();
}

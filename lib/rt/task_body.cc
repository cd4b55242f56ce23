#include "task_body.h"

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "weft/panic.h"

namespace weft::rt {

namespace {
[[noreturn]] void die(const char* what, const char* message, std::source_location where) {
  std::fprintf(stderr, "%s: %s\n\ntask started at %s:%u (%s)\n", what, message, where.file_name(),
               static_cast<unsigned>(where.line()), where.function_name());
  std::fflush(stderr);
  std::_Exit(2);
}
}  // namespace

void run_task_body(Work& body, std::source_location started_at) noexcept {
  try {
    body.run();
  } catch (const weft::panic& p) {
    die("panic", p.what(), started_at);
  } catch (const std::exception& e) {
    die("uncaught exception", e.what(), started_at);
  } catch (...) {
    die("uncaught exception", "(not derived from std::exception)", started_at);
  }
}

}  // namespace weft::rt

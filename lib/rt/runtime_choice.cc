#include "runtime_choice.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace weft::rt {

namespace {

constexpr RuntimeKind kDefault = RuntimeKind::fibers;

// 0: not fixed; 1 + RuntimeKind once fixed.
std::atomic<int> g_choice{0};

[[noreturn]] void bad_environment(const char* name, const char* value, const char* expected) {
  std::fprintf(stderr, "weft: %s=%s is not valid: %s\n", name, value, expected);
  std::fflush(stderr);
  std::_Exit(2);
}

RuntimeKind from_environment() noexcept {
  const char* value = std::getenv("WEFT_RUNTIME");
  if (value == nullptr || *value == '\0') return kDefault;
  if (std::strcmp(value, "fibers") == 0) return RuntimeKind::fibers;
  if (std::strcmp(value, "threads") == 0) return RuntimeKind::threads;
  bad_environment("WEFT_RUNTIME", value, "expected fibers or threads");
}

bool fix(RuntimeKind kind) noexcept {
  int unset = 0;
  return g_choice.compare_exchange_strong(unset, 1 + static_cast<int>(kind),
                                          std::memory_order_acq_rel);
}

}  // namespace

RuntimeKind chosen_runtime() noexcept {
  const int c = g_choice.load(std::memory_order_acquire);
  if (c != 0) [[likely]] return static_cast<RuntimeKind>(c - 1);
  fix(from_environment());
  return static_cast<RuntimeKind>(g_choice.load(std::memory_order_acquire) - 1);
}

std::size_t configured_procs() noexcept {
  static const std::size_t procs = [] {
    const char* value = std::getenv("WEFT_PROCS");
    if (value == nullptr || *value == '\0') {
      const unsigned cores = std::thread::hardware_concurrency();
      return static_cast<std::size_t>(cores == 0 ? 1 : cores);
    }
    char* end = nullptr;
    errno = 0;
    const long n = std::strtol(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0' || n < 1 || n > 1024) {
      bad_environment("WEFT_PROCS", value, "expected a whole number of workers from 1 to 1024");
    }
    return static_cast<std::size_t>(n);
  }();
  return procs;
}

}  // namespace weft::rt

namespace weft {

bool use_runtime(RuntimeKind kind) noexcept { return rt::fix(kind); }
RuntimeKind runtime_kind() noexcept { return rt::chosen_runtime(); }
std::size_t runtime_procs() noexcept { return rt::configured_procs(); }

}  // namespace weft

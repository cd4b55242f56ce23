#include "fiber_stack.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <mutex>
#include <new>

namespace weft::harness {

namespace ctx = boost::context;

namespace {

std::size_t page_size() {
  static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

// The mapping of a stack: [sp - size - page, sp); the lowest page is the guard.
char* mapping_base(const ctx::stack_context& stack) {
  return static_cast<char*>(stack.sp) - stack.size - page_size();
}

struct Armed {
  const ctx::stack_context* stack = nullptr;
  sigjmp_buf* jump = nullptr;
};
thread_local Armed armed;

struct sigaction previous_segv;
struct sigaction previous_bus;

void on_fault(int signal, siginfo_t* info, void*) {
  if (armed.stack != nullptr && armed.jump != nullptr &&
      StackPool::in_guard(*armed.stack, info->si_addr)) {
    sigjmp_buf* jump = armed.jump;
    armed = {};
    siglongjmp(*jump, 1);
  }
  // Not an overflow of a task's stack: give the fault back to whoever handled it before; the
  // faulting instruction runs again and meets that handler (or the default: a core dump).
  ::sigaction(signal, signal == SIGBUS ? &previous_bus : &previous_segv, nullptr);
}

}  // namespace

StackPool::StackPool(std::size_t usable_size) {
  const std::size_t page = page_size();
  size_ = (usable_size + page - 1) / page * page;
  if (size_ < 4 * page) size_ = 4 * page;
}

StackPool::~StackPool() {
  for (ctx::stack_context& s : free_) ::munmap(mapping_base(s), s.size + page_size());
}

ctx::stack_context StackPool::take() {
  if (!free_.empty()) {
    ctx::stack_context s = free_.back();
    free_.pop_back();
    return s;
  }
  const std::size_t page = page_size();
  void* base = ::mmap(nullptr, size_ + page, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) throw std::bad_alloc();
  ::mprotect(base, page, PROT_NONE);
  ctx::stack_context s;
  s.size = size_;
  s.sp = static_cast<char*>(base) + page + size_;
  return s;
}

void StackPool::give_back(ctx::stack_context& stack) { free_.push_back(stack); }

bool StackPool::in_guard(const ctx::stack_context& stack, const void* addr) {
  const auto a = reinterpret_cast<std::uintptr_t>(addr);
  const auto lo = reinterpret_cast<std::uintptr_t>(mapping_base(stack));
  return a >= lo && a < lo + page_size();
}

namespace {
// The handler is the process's; the alternate stack is the thread's. Explorations may run on
// several threads at once (--jobs): the first to start installs the handler, the last to end
// restores what was there before.
std::mutex handler_mutex;
int handler_users = 0;
}  // namespace

OverflowTrap::Scope::Scope() : altstack_(64 * 1024) {
  stack_t alt{};
  alt.ss_sp = altstack_.data();
  alt.ss_size = altstack_.size();
  ::sigaltstack(&alt, &old_altstack_);
  std::lock_guard<std::mutex> hold(handler_mutex);
  if (handler_users++ > 0) return;
  struct sigaction act {};
  act.sa_sigaction = on_fault;
  // SA_NODEFER: the handler leaves by siglongjmp without restoring a saved mask (resume saves
  // none: no system call per fiber switch), so the signal must not be blocked while it runs.
  act.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&act.sa_mask);
  ::sigaction(SIGSEGV, &act, &previous_segv);
  ::sigaction(SIGBUS, &act, &previous_bus);
}

OverflowTrap::Scope::~Scope() {
  ::sigaltstack(&old_altstack_, nullptr);
  std::lock_guard<std::mutex> hold(handler_mutex);
  if (--handler_users > 0) return;
  ::sigaction(SIGSEGV, &previous_segv, nullptr);
  ::sigaction(SIGBUS, &previous_bus, nullptr);
}

void OverflowTrap::land_at(sigjmp_buf* jump) noexcept { armed.jump = jump; }

void OverflowTrap::arm(const ctx::stack_context* stack) noexcept { armed.stack = stack; }

void OverflowTrap::disarm() noexcept { armed.stack = nullptr; }

}  // namespace weft::harness

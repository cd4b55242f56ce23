#include "task_stacks.h"

#include "sanitizers.h"
#ifdef WEFT_ASAN_FIBERS
#include <sanitizer/lsan_interface.h>
#endif

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <mutex>
#include <new>
#include <vector>

namespace weft::rt::fibers {

namespace {

#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102
#endif

constexpr std::size_t kSlabStacks = 64;           // stacks carved from one mapping
constexpr std::size_t kMaxGuardedMappings = 8192;  // mprotect fallback: 2 mappings per stack
constexpr std::size_t kThreadCache = 256;          // free stacks kept per thread; moved
                                                   // to and from the shared list in halves

std::size_t page_size() noexcept {
  static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

class SharedStacks {
 public:
  // Moves up to `n` free stacks into out; returns how many.
  std::size_t take(Stack* out, std::size_t n) {
    {
      std::lock_guard hold(mu_);
      std::size_t k = 0;
      while (k < n && !free_.empty()) {
        out[k++] = free_.back();
        free_.pop_back();
      }
      if (k > 0) return k;
    }
    out[0] = fresh();
    return 1;
  }

  void give_back(const Stack* stacks, std::size_t n) {
    std::lock_guard hold(mu_);
    free_.insert(free_.end(), stacks, stacks + n);
  }

  void for_each(void (*visit)(const Stack&, void*), void* context) {
    std::lock_guard hold(mu_);
    for (const Stack& s : all_) visit(s, context);
  }

 private:
  // One guard page plus the usable bytes, per stack.
  static std::size_t stride() noexcept { return page_size() + kStackSize; }

  static char* map(std::size_t bytes) {
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return static_cast<char*>(p);
  }

  Stack fresh() {
    std::lock_guard hold(mu_);
    if (!free_.empty()) {  // another thread mapped a slab meanwhile
      Stack s = free_.back();
      free_.pop_back();
      return s;
    }
    if (light_guards_) {
      char* slab = map(kSlabStacks * stride());
      if (::madvise(slab, page_size(), MADV_GUARD_INSTALL) == 0) {
        for (std::size_t i = 1; i < kSlabStacks; ++i) {
          ::madvise(slab + i * stride(), page_size(), MADV_GUARD_INSTALL);
        }
        return carve(slab);
      }
      ::munmap(slab, kSlabStacks * stride());
      light_guards_ = false;  // an older kernel: one mapping per guarded stack
    }
    if (guarded_mappings_ < kMaxGuardedMappings) {
      char* one = map(stride());
      ::mprotect(one, page_size(), PROT_NONE);
      guarded_mappings_ += 2;
      all_.push_back(Stack{one + page_size(), kStackSize});
      return all_.back();
    }
    if (!warned_) {
      warned_ = true;
      std::fputs("weft: more task stacks than guard pages can be given on this kernel; further "
                 "stacks have no guard page (a stack overflow there is not caught)\n",
                 stderr);
    }
    return carve(map(kSlabStacks * stride()));
  }

  // Hands out the slab's first stack and keeps the others. Caller holds mu_.
  Stack carve(char* slab) {
    for (std::size_t i = kSlabStacks; i-- > 1;) {
      free_.push_back(Stack{slab + i * stride() + page_size(), kStackSize});
      all_.push_back(free_.back());
    }
    all_.push_back(Stack{slab + page_size(), kStackSize});
    return all_.back();
  }

  std::mutex mu_;
  std::vector<Stack> free_;           // guarded by mu_
  std::vector<Stack> all_;            // guarded by mu_; every stack ever mapped
  bool light_guards_ = true;          // guarded by mu_
  std::size_t guarded_mappings_ = 0;  // guarded by mu_
  bool warned_ = false;               // guarded by mu_
};

// Never destroyed: worker threads may still return stacks while static destructors run.
SharedStacks& shared() {
  static SharedStacks* s = new SharedStacks;
  return *s;
}

struct ThreadCache {
  Stack stacks[kThreadCache];
  std::size_t count = 0;
  ~ThreadCache() { shared().give_back(stacks, count); }
};
thread_local ThreadCache tl_cache;

}  // namespace

namespace {
// LeakSanitizer looks for pointers on thread stacks, not on ours: a task blocked for ever holds
// its captures there, and they are not leaks.
void watch_for_pointers(const Stack& stack, bool on) noexcept {
#ifdef WEFT_ASAN_FIBERS
  if (on) {
    __lsan_register_root_region(stack.base, stack.size);
  } else {
    __lsan_unregister_root_region(stack.base, stack.size);
  }
#endif
  static_cast<void>(stack), static_cast<void>(on);
}

Stack take_cached() {
  ThreadCache& cache = tl_cache;
  if (cache.count == 0) cache.count = shared().take(cache.stacks, kThreadCache / 2);
  return cache.stacks[--cache.count];
}
}  // namespace

void for_each_stack_impl(void (*visit)(const Stack&, void*), void* context) {
  shared().for_each(visit, context);
}

Stack take_stack() {
  Stack stack = take_cached();
  watch_for_pointers(stack, true);
  return stack;
}

void give_back_stack(Stack stack) noexcept {
  watch_for_pointers(stack, false);
  ThreadCache& cache = tl_cache;
  if (cache.count == kThreadCache) {
    try {
      shared().give_back(cache.stacks + kThreadCache / 2, kThreadCache / 2);
      cache.count = kThreadCache / 2;
    } catch (...) {
      return;  // the shared list could not grow: this stack's address space is leaked
    }
  }
  cache.stacks[cache.count++] = stack;
}

}  // namespace weft::rt::fibers

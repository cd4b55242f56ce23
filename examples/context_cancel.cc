// The book's context: a deadline set at the top flows down to every task, and a canceled
// parent stops its whole tree. Values ride along.
#include <chrono>
#include <cstdio>
#include <string>

#include "weft/weft.h"

using namespace std::chrono_literals;

const weft::context_key<std::string> kRequestId("request-id");

// Pretends to do 100ms of work, unless the context ends first.
weft::context_error slow_lookup(const weft::context& ctx, const char* what) {
  const std::string* id = ctx.value(kRequestId);
  const std::size_t k = weft::select(weft::case_recv(ctx.done()), weft::case_recv(weft::after(100ms)));
  std::printf("  [%s] %s: %s\n", id ? id->c_str() : "?", what,
              k == 0 ? weft::to_string(ctx.err()) : "finished");
  return ctx.err();
}

int main() {
  std::printf("context_cancel: deadlines and cancellation flow down the tree\n");
  auto root = weft::with_value(weft::background(), kRequestId, std::string("req-1"));

  // 1. A 30ms deadline on a 100ms job.
  {
    auto [ctx, cancel] = weft::with_timeout(root, 30ms);
    slow_lookup(ctx, "lookup with a 30ms deadline");
    cancel();
  }

  // 2. A parent canceled while two children work.
  {
    auto [parent, cancel_parent] = weft::with_cancel(root);
    weft::WaitGroup wg;
    for (const char* name : {"child greeting", "child farewell"}) {
      wg.add(1);
      weft::go([&wg, parent, name] {
        auto [child, cancel_child] = weft::with_cancel(parent);
        slow_lookup(child, name);
        cancel_child();
        wg.done();
      });
    }
    weft::sleep(20ms);
    cancel_parent();  // both children see it
    wg.wait();
  }
}

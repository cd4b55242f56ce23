// expect: leak
// vet: clean
// Kernel (blocking, communication): a parallel fetch starts one task per shard, each sending its
// error on an unbuffered channel; the caller returns at the first error and the rest block.
// Bug: senders outnumber the receives. Fix: a buffer with room for every task's error
// (kernels/first_error_leak_fixed.cc).
#include <string>

#include "weft/harness/program.h"
#include "weft/weft.h"

static std::string fetch_all() {
  auto errors = weft::make_chan<std::string>();
  for (int shard = 0; shard < 3; ++shard) {
    weft::go([errors, shard] { errors.send("shard " + std::to_string(shard) + " failed"); });
  }
  return errors.recv().value;  // the first error wins; two senders are left behind
}

WEFT_PROGRAM(first_error_leak) { fetch_all(); }

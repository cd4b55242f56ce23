// expect: ok
// vet: clean
// Fixed kernels/first_error_leak: the error channel can hold every task's error, so no task
// blocks after the caller has returned.
#include <string>

#include "weft/harness/program.h"
#include "weft/weft.h"

static std::string fetch_all() {
  constexpr int shards = 3;
  auto errors = weft::make_chan<std::string>(shards);
  for (int shard = 0; shard < shards; ++shard) {
    weft::go([errors, shard] { errors.send("shard " + std::to_string(shard) + " failed"); });
  }
  return errors.recv().value;
}

WEFT_PROGRAM(first_error_leak_fixed) { fetch_all(); }

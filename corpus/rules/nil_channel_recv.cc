// expect: leak
// vet: weft-nil-channel-op
// A worker receives from a channel field that was never made (nil), so it blocks for ever and
// outlives the program's work.
#include "weft/harness/program.h"
#include "weft/weft.h"

struct Worker {
  weft::chan<int> jobs;  // never made
};

WEFT_PROGRAM(nil_channel_recv) {
  Worker w;
  auto jobs = w.jobs;
  weft::go([jobs] {
    jobs.recv();  // expect-warning: weft-nil-channel-op
  });
}

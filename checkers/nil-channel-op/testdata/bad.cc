#include "weft/weft.h"

void send_on_nil() {
  weft::chan<int> results;
  weft::go([results] { results.recv(); });  // expect-warning: weft-nil-channel-op
  results.send(1);  // expect-warning: weft-nil-channel-op
}

int receive_from_nil() {
  weft::recv_only<int> in;
  return in.recv().value;  // expect-warning: weft-nil-channel-op
}

void range_over_nil() {
  weft::chan<int> in{};
  for (int v : in) (void)v;  // expect-warning: weft-nil-channel-op
}

void select_all_nil() {
  weft::chan<int> a;
  weft::chan<int> b;
  weft::select(weft::case_recv(a), weft::case_recv(b));  // expect-warning: weft-nil-channel-op
}

void reset_to_nil() {
  auto c = weft::make_chan<int>(1);
  c = weft::chan<int>();
  c.send(1);  // expect-warning: weft-nil-channel-op
}

// A channel field nothing ever makes: every copy of it is nil, in the task that captured one too.
struct Worker {
  weft::chan<int> jobs;
};

void field_never_made() {
  Worker w;
  auto jobs = w.jobs;
  weft::go([jobs] {
    jobs.recv();  // expect-warning: weft-nil-channel-op
  });
}

#include "weft/weft.h"

void made_later() {
  weft::chan<int> c;
  c = weft::make_chan<int>(1);
  c.send(1);
}

void made_on_one_path(bool a) {
  weft::chan<int> c;
  if (a) c = weft::make_chan<int>(1);
  c.try_send(1);
}

// The book's trick: a drained input is set to nil so that its case never fires again; the
// select still has a live case.
void merge(weft::chan<int> a, weft::chan<int> b) {
  weft::chan<int> none;
  weft::select(weft::case_recv(a), weft::case_recv(none));
  weft::select(weft::case_recv(none), weft::case_default([] {}));
}

void non_blocking_on_nil() {
  weft::chan<int> c;
  c.try_send(1);
  c.try_recv();
}

void filled_by_reference(weft::chan<int>& out);
void made_elsewhere() {
  weft::chan<int> c;
  filled_by_reference(c);
  c.send(1);
}

void captured_by_reference() {
  weft::chan<int> c;
  auto make = [&c] { c = weft::make_chan<int>(1); };
  make();
  c.send(1);
}

// Fields that are made: in a constructor, by assignment, by aggregate initialization.
struct Made {
  Made() : jobs(weft::make_chan<int>(1)) {}
  weft::chan<int> jobs;
};
struct Assigned {
  weft::chan<int> jobs;
};
struct Braced {
  weft::chan<int> jobs;
};

void fields_made() {
  Made m;
  auto a = m.jobs;
  a.send(1);
  Assigned s;
  s.jobs = weft::make_chan<int>(1);
  auto b = s.jobs;
  b.send(1);
  Braced br{weft::make_chan<int>(1)};
  auto c = br.jobs;
  c.send(1);
}

// A handle made before the task captures it; one the mutable task makes itself.
void captured_after_make() {
  weft::chan<int> done;
  done = weft::make_chan<int>();
  weft::go([done] { done.close(); });
  done.recv();
  weft::chan<int> later;
  weft::go([later]() mutable {
    later = weft::make_chan<int>(1);
    later.send(1);
  });
}

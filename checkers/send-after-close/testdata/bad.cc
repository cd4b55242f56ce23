#include "weft/weft.h"

void late_value() {
  auto out = weft::make_chan<int>(2);
  out.send(1);
  out.close();
  out.send(2);  // expect-warning: weft-send-after-close
}

bool try_after_close(weft::chan<int> out) {
  out.close();
  return out.try_send(1);  // expect-warning: weft-send-after-close
}

void select_after_close(weft::chan<int> out, weft::chan<int> in) {
  out.close();
  weft::select(weft::case_send(out, 1), weft::case_recv(in));  // expect-warning: weft-send-after-close
}

void every_branch_closed(weft::chan<int> out, int kind) {
  switch (kind) {
    case 0:
      out.close();
      break;
    default:
      out.close();
      break;
  }
  out.send(3);  // expect-warning: weft-send-after-close
}

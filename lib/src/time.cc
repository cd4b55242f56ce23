#include "weft/time.h"

namespace weft {

recv_only<time_point> after(duration d, std::source_location where) {
  chan<time_point> ch = make_chan<time_point>(1);
  const time_point when = rt::now() + d;
  rt::point(rt::OpKind::timer_start, ch.core(), where);
  // The action only ever sends into the empty one-slot buffer, so it cannot block.
  rt::start_timer(when, rt::make_work([ch] { ch.try_send(rt::now()); }));
  return ch;
}

}  // namespace weft

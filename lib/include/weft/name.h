// weft::name(object, "accounts"): what the model checker's reports call a channel, mutex,
// WaitGroup, var or atomic, instead of a number ("lock accounts" rather than "lock #3").
// Without a name, a report says where the object was made (make_chan, and the constructors of
// Mutex, RWMutex and WaitGroup record it). On the production runtimes it does nothing.
#pragma once

#include <string_view>

#include "weft/rt/runtime.h"

namespace weft {

// A channel or a view of one: the channel it names.
template <class C>
  requires requires(const C& c) { c.core(); }
void name(const C& channel, std::string_view what) {
  rt::named(rt::object_id(channel.core()), what);
}

// Any other primitive: the object itself.
template <class P>
  requires(!requires(const P& p) { p.core(); })
void name(const P& primitive, std::string_view what) {
  rt::named(rt::object_id(&primitive), what);
}

}  // namespace weft

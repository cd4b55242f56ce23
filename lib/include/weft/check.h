// weft::check — an assertion the model checker reports as a finding.
//
//   weft::check(total.read() == 2, "both increments counted");
//
// When cond is false it throws weft::check_failure carrying the message and the caller's
// file:line. Under the model checker that is an `assertion` finding with the interleaving that
// broke it; on the production runtimes it is an exception like any other (fatal if it escapes a
// task, as a panic is). It is checked in every build, unlike assert().
#pragma once

#include <source_location>
#include <stdexcept>
#include <string>
#include <string_view>

namespace weft {

class check_failure : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

inline void check(bool cond, std::string_view message,
                  std::source_location where = std::source_location::current()) {
  if (cond) [[likely]] return;
  throw check_failure(std::string(message) + " (check at " + where.file_name() + ":" +
                      std::to_string(where.line()) + ")");
}

}  // namespace weft

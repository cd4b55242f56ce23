// Which checks run: clang-tidy's glob lists ("-*,weft-thread-*": later items win), from
// --checks, from --config-file, or from the nearest .weft-vet.yaml above a file.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "weft_vet/glob.h"

namespace weft::vet {

// The checks that run unless told otherwise: "weft-*" less the registry's opt-in ones, style
// rules that also fire on correct code (weft-bare-lock-unlock: CP.20's RAII rule).
std::string default_checks();

class CheckFilter {
 public:
  explicit CheckFilter(std::string globs) : globs_(std::move(globs)) {}
  bool enabled(std::string_view check) const;
  const std::string& globs() const { return globs_; }

 private:
  std::string globs_;
};

// Why a glob list is wrong, or "" when every item names a check or matches one: a typo
// ('weft-thread-nt-joined') must not silently turn its check off. `where` says which option or
// file the list came from; a near name is offered ("did you mean ...?").
std::string check_globs_error(std::string_view globs, std::span<const std::string> names,
                              std::string_view where);

}  // namespace weft::vet

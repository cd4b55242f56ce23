// Which checks run: clang-tidy's glob lists ("-*,weft-thread-*": later items win), from
// --checks, or from the nearest .weft-vet.yaml above a file (its `Checks:` line).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace weft::vet {

bool glob_matches(std::string_view glob, std::string_view name);  // '*' matches any run

// The checks that run unless told otherwise: all but the opt-in ones, style rules that also
// fire on correct code (weft-bare-lock-unlock: CP.20's RAII rule).
inline constexpr const char* kDefaultChecks = "weft-*,-weft-bare-lock-unlock";

class CheckFilter {
 public:
  explicit CheckFilter(std::string globs = kDefaultChecks) : globs_(std::move(globs)) {}
  bool enabled(std::string_view check) const;
  const std::string& globs() const { return globs_; }

 private:
  std::string globs_;
};

// The `Checks:` value of the nearest .weft-vet.yaml in the file's folder or above, if any.
// A config file that cannot be read or has no Checks: line yields an error message.
struct ConfigLookup {
  std::optional<std::string> checks;
  std::string config_path;
  std::string error;
};
ConfigLookup find_config(const std::string& file);

}  // namespace weft::vet

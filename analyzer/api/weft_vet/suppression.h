// NOLINT comments, read as clang-tidy reads them:
//   code;  // NOLINT                     every check, this line
//   code;  // NOLINT(weft-a, weft-b)     those checks (globs allowed: weft-thread-*)
//   // NOLINTNEXTLINE(weft-a)            the next line
//   // NOLINTBEGIN(weft-a) ... // NOLINTEND(weft-a)   every line between
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace weft::vet {

class Suppressions {
 public:
  explicit Suppressions(std::string_view file_text);
  // Whether a finding of `check` on 1-based `line` is suppressed.
  bool suppressed(std::string_view check, unsigned line) const;

 private:
  struct Range {
    unsigned first, last;   // lines, inclusive
    std::string checks;     // the parenthesised list, or "" for every check
  };
  std::vector<Range> ranges_;
};

// Whether `check` matches a comma-separated list of names or globs ("" matches every check).
bool check_in_list(std::string_view check, std::string_view list);

}  // namespace weft::vet

#include "check_filter.h"

#include "weft_vet/check.h"
#include "weft_vet/glob.h"

#include <llvm/ADT/StringRef.h>

#include <cctype>

namespace weft::vet {

std::string default_checks() {
  std::string globs = "weft-*";
  for (const CheckRow& row : check_registry()) {
    if (row.opt_in) globs += std::string(",-") + row.name;
  }
  return globs;
}

bool CheckFilter::enabled(std::string_view check) const {
  bool on = false;
  std::string_view list = globs_;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) item.remove_prefix(1);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.remove_suffix(1);
    const bool negative = !item.empty() && item.front() == '-';
    if (negative) item.remove_prefix(1);
    if (!item.empty() && glob_matches(item, check)) on = !negative;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return on;
}

std::string check_globs_error(std::string_view globs, std::span<const std::string> names,
                              std::string_view where) {
  std::string_view list = globs;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) item.remove_prefix(1);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.remove_suffix(1);
    if (!item.empty() && item.front() == '-') item.remove_prefix(1);
    if (!item.empty()) {
      bool matched = false;
      for (const std::string& n : names) matched = matched || glob_matches(item, n);
      if (!matched) {
        std::string best;
        unsigned best_distance = 6;
        for (const std::string& n : names) {
          const unsigned d = llvm::StringRef(n).edit_distance(item, true, best_distance);
          if (d < best_distance) best_distance = d, best = n;
        }
        return std::string(where) + ": '" + std::string(item) + "' names no check" +
               (best.empty() ? "" : " (did you mean '" + best + "'?)") +
               "; weft-vet --list-checks --checks='*' lists them all";
      }
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return "";
}

}  // namespace weft::vet

#include "check_filter.h"

#include "weft_vet/check.h"
#include "weft_vet/glob.h"

#include "did_you_mean.h"

#include <cctype>

namespace weft::vet {

std::string default_checks() {
  std::string globs = "weft-*";
  for (const CheckRow& row : check_registry()) {
    if (row.opt_in) globs += std::string(",-") + row.name;
  }
  return globs;
}

namespace {

// Calls each(glob, negative) for every non-empty item of a comma-separated glob list, blanks
// trimmed and a leading '-' taken off; stops early when each returns false.
template <class Each>
void for_each_glob(std::string_view list, Each each) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) item.remove_prefix(1);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.remove_suffix(1);
    const bool negative = !item.empty() && item.front() == '-';
    if (negative) item.remove_prefix(1);
    if (!item.empty() && !each(item, negative)) return;
    if (comma == std::string_view::npos) return;
    list.remove_prefix(comma + 1);
  }
}

}  // namespace

bool CheckFilter::enabled(std::string_view check) const {
  bool on = false;
  for_each_glob(globs_, [&](std::string_view glob, bool negative) {
    if (glob_matches(glob, check)) on = !negative;
    return true;
  });
  return on;
}

std::string check_globs_error(std::string_view globs, std::span<const std::string> names,
                              std::string_view where) {
  std::string error;
  for_each_glob(globs, [&](std::string_view glob, bool) {
    for (const std::string& n : names) {
      if (glob_matches(glob, n)) return true;
    }
    const std::string best = nearest_name(glob, names, 6);
    error = std::string(where) + ": '" + std::string(glob) + "' names no check" +
            (best.empty() ? "" : " (did you mean '" + best + "'?)") +
            "; weft-vet --list-checks --checks='*' lists them all";
    return false;
  });
  return error;
}

}  // namespace weft::vet

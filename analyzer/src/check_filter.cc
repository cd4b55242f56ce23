#include "check_filter.h"

#include <filesystem>
#include <fstream>

namespace weft::vet {

bool glob_matches(std::string_view glob, std::string_view name) {
  // Iterative matcher with backtracking to the last '*'.
  std::size_t g = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star = g++;
      mark = n;
    } else if (g < glob.size() && glob[g] == name[n]) {
      ++g;
      ++n;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

bool CheckFilter::enabled(std::string_view check) const {
  bool on = false;
  std::string_view list = globs_;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    const bool negative = !item.empty() && item.front() == '-';
    if (negative) item.remove_prefix(1);
    if (!item.empty() && glob_matches(item, check)) on = !negative;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return on;
}

ConfigLookup find_config(const std::string& file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(fs::path(file), ec).parent_path();
  for (; !dir.empty(); dir = dir.parent_path()) {
    const fs::path candidate = dir / ".weft-vet.yaml";
    if (fs::exists(candidate, ec)) {
      ConfigLookup found;
      found.config_path = candidate.string();
      std::ifstream in(candidate);
      if (!in) {
        found.error = "cannot read " + found.config_path;
        return found;
      }
      std::string line;
      while (std::getline(in, line)) {
        if (line.rfind("Checks:", 0) != 0) continue;
        std::string value = line.substr(7);
        const auto first = value.find_first_not_of(" \t'\"");
        const auto last = value.find_last_not_of(" \t'\"\r");
        found.checks = first == std::string::npos ? "" : value.substr(first, last - first + 1);
        return found;
      }
      found.error = found.config_path + " has no 'Checks:' line";
      return found;
    }
    if (dir == dir.root_path()) break;
  }
  return {};
}

}  // namespace weft::vet

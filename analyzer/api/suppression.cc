#include "weft_vet/suppression.h"

#include "weft_vet/glob.h"

namespace weft::vet {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Finds `marker` in line followed by an optional "(list)"; sets list ("" for none).
bool find_marker(std::string_view line, std::string_view marker, std::string& list) {
  std::size_t at = 0;
  while ((at = line.find(marker, at)) != std::string_view::npos) {
    const std::size_t after = at + marker.size();
    // NOLINT must not match NOLINTNEXTLINE / NOLINTBEGIN / NOLINTEND.
    if (after < line.size() && line[after] >= 'A' && line[after] <= 'Z') {
      at = after;
      continue;
    }
    list.clear();
    if (after < line.size() && line[after] == '(') {
      const std::size_t close = line.find(')', after);
      if (close == std::string_view::npos) return false;  // malformed: ignored, as clang-tidy does
      list = std::string(line.substr(after + 1, close - after - 1));
    }
    return true;
  }
  return false;
}

}  // namespace

bool check_in_list(std::string_view check, std::string_view list) {
  if (trim(list).empty()) return true;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view item = trim(list.substr(0, comma));
    if (!item.empty() && (item == "*" || glob_matches(item, check))) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

Suppressions::Suppressions(std::string_view text) {
  std::vector<std::pair<unsigned, std::string>> open;  // NOLINTBEGIN lines and lists
  unsigned n = 0;
  while (!text.empty()) {
    ++n;
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.find("NOLINT") == std::string_view::npos) continue;
    std::string list;
    if (find_marker(line, "NOLINTNEXTLINE", list)) ranges_.push_back({n + 1, n + 1, list});
    if (find_marker(line, "NOLINTBEGIN", list)) open.emplace_back(n, list);
    if (find_marker(line, "NOLINTEND", list)) {
      for (auto it = open.rbegin(); it != open.rend(); ++it) {
        if (it->second == list) {
          ranges_.push_back({it->first, n, list});
          open.erase(std::next(it).base());
          break;
        }
      }
    }
    if (find_marker(line, "NOLINT", list)) ranges_.push_back({n, n, list});
  }
}

bool Suppressions::suppressed(std::string_view check, unsigned line) const {
  for (const Range& r : ranges_) {
    if (line >= r.first && line <= r.last && check_in_list(check, r.checks)) return true;
  }
  return false;
}

}  // namespace weft::vet

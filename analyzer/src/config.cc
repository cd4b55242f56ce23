#include "config.h"

#include "did_you_mean.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace weft::vet {
namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

// A plain or quoted scalar: quotes removed; a plain one loses a trailing " # comment".
std::string scalar(std::string value) {
  value = trim(value);
  if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') &&
      value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  if (const auto hash = value.find(" #"); hash != std::string::npos) value = trim(value.substr(0, hash));
  return value;
}

// .clang-tidy keys that configure clang-tidy itself or its own checks: accepted (so one file can
// serve both tools) and without effect here.
constexpr std::array kClangTidyOnly = {"CheckOptions", "FormatStyle", "InheritParentConfig",
                                       "User", "UseColor", "SystemHeaders"};

std::optional<std::string>* field(Config& c, std::string_view key) {
  if (key == "Checks") return &c.checks;
  if (key == "WarningsAsErrors") return &c.warnings_as_errors;
  if (key == "HeaderFilterRegex") return &c.header_filter;
  if (key == "ExcludeHeaderFilterRegex") return &c.exclude_header_filter;
  return nullptr;
}

std::string did_you_mean(std::string_view key) {
  constexpr std::array keys = {"Checks", "WarningsAsErrors", "HeaderFilterRegex",
                               "ExcludeHeaderFilterRegex"};
  const std::string best = nearest_name(key, keys, 4);
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

}  // namespace

Config parse_config(const std::string& text, const std::string& path) {
  Config c;
  c.path = path;
  std::istringstream in(text);
  std::string line;
  unsigned number = 0;
  auto error = [&](const std::string& what) {
    c.error = path + ":" + std::to_string(number) + ": " + what;
    return c;
  };
  std::optional<std::string>* block = nullptr;  // the key whose indented block is being read
  bool skipping = false;                        // inside a clang-tidy-only key's block
  while (std::getline(in, line)) {
    ++number;
    const std::string t = trim(line);
    const bool indented = !line.empty() && (line[0] == ' ' || line[0] == '\t');
    if (indented && (block != nullptr || skipping)) {
      if (block != nullptr && !t.empty() && t[0] != '#') {
        **block += (*block)->empty() ? t : " " + t;
      }
      continue;
    }
    block = nullptr;
    skipping = false;
    if (t.empty() || t[0] == '#' || t == "---" || t == "...") continue;
    if (indented) return error("an indented line outside a block: '" + t + "'");
    const auto colon = t.find(':');
    if (colon == std::string::npos) return error("not 'Key: value': '" + t + "'");
    const std::string key = trim(std::string_view(t).substr(0, colon));
    const std::string value = trim(std::string_view(t).substr(colon + 1));
    std::optional<std::string>* target = field(c, key);
    if (target == nullptr) {
      if (std::find(kClangTidyOnly.begin(), kClangTidyOnly.end(), key) != kClangTidyOnly.end()) {
        skipping = true;
        continue;
      }
      return error("unknown key '" + key + "'" + did_you_mean(key) +
                   "; weft-vet reads Checks, WarningsAsErrors, HeaderFilterRegex and "
                   "ExcludeHeaderFilterRegex");
    }
    if (*target) return error("'" + key + "' is given twice");
    // A block scalar: '>' folds its lines, '|' keeps them; both become one list here.
    if (!value.empty() && (value[0] == '>' || value[0] == '|') &&
        value.find_first_not_of("+-0123456789", 1) == std::string::npos) {
      *target = std::string();
      block = target;
      continue;
    }
    *target = scalar(value);
  }
  return c;
}

Config load_config(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    Config c;
    c.path = path;
    c.error = path + " is a folder, not a configuration file";
    return c;
  }
  std::ifstream in(path);
  if (!in) {
    Config c;
    c.path = path;
    c.error = "cannot read " + path;
    return c;
  }
  std::stringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path);
}

Config find_config(const std::string& file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(fs::path(file), ec).parent_path();
  for (; !dir.empty(); dir = dir.parent_path()) {
    const fs::path candidate = dir / ".weft-vet.yaml";
    if (fs::exists(candidate, ec)) return load_config(candidate.string());
    if (dir == dir.root_path()) break;
  }
  return {};
}

}  // namespace weft::vet

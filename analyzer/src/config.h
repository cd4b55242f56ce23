// weft-vet's configuration file: the nearest .weft-vet.yaml above a file, or the file given by
// --config-file. Its format is the part of .clang-tidy's YAML that fits weft-vet: one `Key: value`
// per line, values plain, quoted, or a folded/literal block (`Checks: >` then indented lines),
// `#` comments. An unknown key, a line that is none of these, or an unreadable file is an error
// naming the file and line, never a silently ignored setting.
#pragma once

#include <optional>
#include <string>

namespace weft::vet {

struct Config {
  std::optional<std::string> checks;                // Checks:
  std::optional<std::string> warnings_as_errors;    // WarningsAsErrors:
  std::optional<std::string> header_filter;         // HeaderFilterRegex:
  std::optional<std::string> exclude_header_filter; // ExcludeHeaderFilterRegex:
  std::string path;   // the file it came from; empty when there is none
  std::string error;  // set when the file cannot be read or parsed
};

Config parse_config(const std::string& text, const std::string& path);
Config load_config(const std::string& path);
// The nearest .weft-vet.yaml in the file's folder or above; an empty Config when there is none.
Config find_config(const std::string& file);

}  // namespace weft::vet

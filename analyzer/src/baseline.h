// A baseline: known findings to hide, one per line as "<check>\t<path>\t<line hash>", where the
// path is relative to the baseline file's folder. Keyed by the line's text, not its number, so
// unrelated edits above a finding do not bring it back.
#pragma once

#include <set>
#include <span>
#include <string>
#include <tuple>

#include "weft_vet/finding.h"

namespace weft::vet {

class Baseline {
 public:
  // Reads a baseline file; returns an error message, or "" on success.
  std::string load(const std::string& path);
  bool contains(const Finding& f) const;
  static std::string write(const std::string& path, std::span<const Finding> findings);

 private:
  std::string dir_;
  std::set<std::tuple<std::string, std::string, std::string>> known_;
};

}  // namespace weft::vet

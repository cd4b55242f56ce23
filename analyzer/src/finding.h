// A finding: one warning of one check at one place, with notes at related places.
// Resolved to file/line/column text so that it outlives the translation unit it came from.
#pragma once

#include <string>
#include <tuple>
#include <vector>

namespace weft::vet {

struct Place {
  std::string file;  // absolute, normalized
  unsigned line = 0;
  unsigned column = 0;
  std::string line_text;  // the source line, for the caret display and the baseline hash
};

struct Note {
  Place place;
  std::string message;
};

struct Finding {
  std::string check;    // "weft-thread-not-joined"
  Place place;
  std::string message;  // "<what>; <why>"
  std::vector<Note> notes;

  auto key() const { return std::tie(place.file, place.line, place.column, check, message); }
  friend bool operator<(const Finding& a, const Finding& b) { return a.key() < b.key(); }
  friend bool operator==(const Finding& a, const Finding& b) { return a.key() == b.key(); }
};

}  // namespace weft::vet

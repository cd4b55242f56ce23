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

// One edit of a fix: replace `length` bytes at byte `offset` of `place.file` with `replacement`
// (length 0: an insertion). place is where the edit starts, for people.
struct Edit {
  Place place;
  unsigned offset = 0;
  unsigned length = 0;
  std::string replacement;
};

struct Finding {
  std::string check;    // "weft-thread-not-joined"
  Place place;
  std::string message;  // "<what>; <why>"
  std::vector<Note> notes;
  // What each task involved does on the way to the bug, step by step (a lock order: one flow
  // per order); shown as notes too, and as SARIF codeFlows. Empty for most checks.
  std::vector<std::vector<Note>> flows;
  // A fix the check calls safe (it keeps the program's meaning apart from the bug), applied by
  // --fix; empty when there is none.
  std::vector<Edit> fix;
  // --warnings-as-errors named this check: shown as an error (text "error:", SARIF level).
  bool error = false;

  auto key() const { return std::tie(place.file, place.line, place.column, check, message); }
  friend bool operator<(const Finding& a, const Finding& b) { return a.key() < b.key(); }
  friend bool operator==(const Finding& a, const Finding& b) { return a.key() == b.key(); }
};

}  // namespace weft::vet

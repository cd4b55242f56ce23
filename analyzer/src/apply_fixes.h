// --fix: writes the findings' fixes into the files.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "weft_vet/finding.h"

namespace weft::vet {

struct FixResult {
  std::vector<bool> fixed;          // per finding: its whole fix was written
  std::size_t files = 0;            // files changed
  std::vector<std::string> errors;  // files that could not be read or written, with why
};

// Applies each finding's fix, all of its edits or none: a fix whose edit overlaps one already
// taken (from an earlier finding) is skipped whole. Insertions at one place keep the findings'
// order. Each file is rewritten once, through a temporary file and a rename.
FixResult apply_fixes(std::span<const Finding> findings);

}  // namespace weft::vet

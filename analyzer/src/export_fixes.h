// --export-fixes: the findings and their fixes in the YAML that clang-tidy writes and
// clang-apply-replacements reads (a Diagnostics list, each with a Replacements list), so the
// fixes can be reviewed and applied by the same tools as clang-tidy's.
#pragma once

#include <span>
#include <string>

#include "weft_vet/finding.h"

namespace weft::vet {

// Writes every finding (with its fix's replacements, possibly none); returns an error or "".
std::string write_fixes_yaml(const std::string& path, std::span<const Finding> findings);

}  // namespace weft::vet

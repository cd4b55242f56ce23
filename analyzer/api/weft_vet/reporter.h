// Reporter: where checks put findings. It resolves clang locations to file:line:column (the
// place a macro was used, not where it was defined), drops findings in system headers and those
// a NOLINT comment suppresses, and collects the rest for the driver.
#pragma once

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceLocation.h>
#include <clang/Basic/SourceManager.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "weft_vet/finding.h"
#include "weft_vet/suppression.h"

namespace weft::vet {

class Reporter {
 public:
  // fix: edits the check calls safe, as character ranges in files (no macro locations); a fix
  // that cannot be placed is dropped whole, never applied in part.
  void report(const std::string& check, const clang::SourceManager& sm, clang::SourceLocation at,
              std::string message,
              std::vector<std::pair<clang::SourceLocation, std::string>> notes = {},
              const std::vector<clang::FixItHint>& fix = {});

  std::vector<Finding> take() { return std::exchange(findings_, {}); }
  void clear_tu_state() { suppressions_.clear(); }

  // For checks that report after the TU is gone: where `at` is (its file position, where a macro
  // was used), whether it is in a system header, and whether a NOLINT there silences `check`.
  Place place(const clang::SourceManager& sm, clang::SourceLocation at);
  bool in_system_header(const clang::SourceManager& sm, clang::SourceLocation at) const;
  bool suppressed(const std::string& check, const clang::SourceManager& sm, clang::SourceLocation at);

 private:
  std::vector<Edit> edits(const clang::SourceManager& sm, const std::vector<clang::FixItHint>& fix);
  const Suppressions& suppressions_for(const clang::SourceManager& sm, clang::FileID file,
                                       const std::string& path);

  std::vector<Finding> findings_;
  std::map<std::string, Suppressions> suppressions_;  // per file of the current TU
};

}  // namespace weft::vet

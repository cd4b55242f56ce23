// What a check is to the driver: a name, a one-line summary, its README (for --explain), and a
// factory that makes its AST-matcher callbacks for one translation unit.
#pragma once

#include <clang/ASTMatchers/ASTMatchFinder.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "reporter.h"

namespace weft::vet {

// What a check keeps of one translation unit for a look at the whole codebase, once every TU
// has been analysed (lock-order-inversion: the locks each function takes). It outlives the TU's
// AST, so it holds no clang nodes or locations.
struct TuSummary {
  virtual ~TuSummary() = default;
};

class Check : public clang::ast_matchers::MatchFinder::MatchCallback {
 public:
  explicit Check(Reporter& reporter) : reporter_(reporter) {}
  virtual void register_matchers(clang::ast_matchers::MatchFinder& finder) = 0;
  // Called once the TU is analysed; a check that looks at the whole codebase returns its summary.
  virtual std::unique_ptr<TuSummary> end_translation_unit() { return nullptr; }

 protected:
  Reporter& reporter_;
};

struct CheckInfo {
  const char* name;     // "weft-thread-not-joined"
  const char* summary;  // one line
  const char* readme;   // the check's README.md, embedded at build time
  std::unique_ptr<Check> (*make)(Reporter&);
  // For a whole-codebase check: its findings from every TU's summary (each made by this check's
  // end_translation_unit), after the last TU; null for the others.
  std::vector<Finding> (*finish)(std::span<const std::unique_ptr<TuSummary>> summaries) = nullptr;
};

// Every check weft-vet knows (checks.cc), in name order.
std::span<const CheckInfo> all_checks();

}  // namespace weft::vet

// The check API: what a check is, what it may use, and how the driver knows it.
//
// A check is a set of AST-matcher callbacks made for one translation unit by its factory, given
// the TU's context (tu_context.h). It reports through report(), bound to the name its registry
// row gives it (checkers/registry.cc), as clang-tidy's diag() is. A check that looks at the
// whole codebase keeps a summary of each TU (end_translation_unit) and reports from all of them
// in its row's `finish`, after the last TU. Checks include only this API and checkers/common.
#pragma once

#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <llvm/Support/JSON.h>

#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "weft_vet/finding.h"
#include "weft_vet/reporter.h"
#include "weft_vet/tu_context.h"

namespace weft::vet {

// What a check keeps of one translation unit for a look at the whole codebase, once every TU
// has been analysed (lock-order-inversion: the locks each function takes). It outlives the TU's
// AST, so it holds no clang nodes or locations.
// A summary may be kept on disk (weft-vet --summaries DIR) so that a run over some files still
// sees the rest of the codebase: to_json writes it, the row's `load` reads it back. Every place
// in the JSON is an object with a "file" key (the driver reads them to tell which findings
// involve the files analysed in this run).
struct TuSummary {
  virtual ~TuSummary() = default;
  virtual llvm::json::Value to_json() const { return nullptr; }
};

class Check : public clang::ast_matchers::MatchFinder::MatchCallback {
 public:
  explicit Check(TuContext& tu) : tu_(tu) {}
  virtual void register_matchers(clang::ast_matchers::MatchFinder& finder) = 0;
  // Called once the TU is analysed; a check that looks at the whole codebase returns its summary.
  virtual std::unique_ptr<TuSummary> end_translation_unit() { return nullptr; }

  // The driver names the check from its registry row right after making it.
  void bind_name(const char* name) { name_ = name; }
  const char* name() const { return name_; }

  // A finding of this check at `at`, with notes at related places and a fix it calls safe.
  void report(const clang::SourceManager& sm, clang::SourceLocation at, std::string message,
              std::vector<std::pair<clang::SourceLocation, std::string>> notes = {},
              const std::vector<clang::FixItHint>& fix = {}) {
    tu_.reporter().report(name_, sm, at, std::move(message), std::move(notes), fix);
  }

 protected:
  Reporter& reporter() { return tu_.reporter(); }
  TuContext& tu_;

 private:
  const char* name_ = "";
};

// One row of the registry (checkers/registry.cc): a check's name, its factory, its
// whole-codebase step (or null), and whether it runs only when asked for (a style rule that also
// fires on correct code).
struct CheckRow {
  const char* name;  // "weft-thread-not-joined": its folder is checkers/thread-not-joined
  std::unique_ptr<Check> (*make)(TuContext&);
  std::vector<Finding> (*finish)(std::span<const std::unique_ptr<TuSummary>> summaries) = nullptr;
  bool opt_in = false;
  // Reads a summary to_json wrote; null (and *error says why) when the JSON does not fit.
  std::unique_ptr<TuSummary> (*load)(const llvm::json::Value& json, std::string* error) = nullptr;
};
std::span<const CheckRow> check_registry();

// A registered check with its documentation (its README, embedded at build time), as the
// driver shows it.
struct CheckInfo {
  const char* name;
  const char* summary;  // the README's first line
  const char* readme;
  const CheckRow* row;
};
// Every check, in name order; a registry row without a README (or the reverse) is a build error
// that the driver reports at start.
std::span<const CheckInfo> all_checks();

}  // namespace weft::vet

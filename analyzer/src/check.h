// What a check is to the driver: a name, a one-line summary, its README (for --explain), and a
// factory that makes its AST-matcher callbacks for one translation unit.
#pragma once

#include <clang/ASTMatchers/ASTMatchFinder.h>

#include <memory>
#include <span>
#include <string>

#include "reporter.h"

namespace weft::vet {

class Check : public clang::ast_matchers::MatchFinder::MatchCallback {
 public:
  explicit Check(Reporter& reporter) : reporter_(reporter) {}
  virtual void register_matchers(clang::ast_matchers::MatchFinder& finder) = 0;

 protected:
  Reporter& reporter_;
};

struct CheckInfo {
  const char* name;     // "weft-thread-not-joined"
  const char* summary;  // one line
  const char* readme;   // the check's README.md, embedded at build time
  std::unique_ptr<Check> (*make)(Reporter&);
};

// Every check weft-vet knows (checks.cc), in name order.
std::span<const CheckInfo> all_checks();

}  // namespace weft::vet

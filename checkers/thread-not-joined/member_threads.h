// The member half of weft-thread-not-joined: a class that starts a std::thread member (in a
// constructor, a default member initializer or a method) must join or detach it before the
// object dies — in its destructor or a method the destructor calls, in a test fixture's
// TearDown (GoogleTest calls it before the destructor), or from outside (an owner that joins
// `inner.thread_` before deleting `inner`).
#pragma once

#include <clang/ASTMatchers/ASTMatchFinder.h>

#include "weft_vet/check.h"

namespace weft::vet {

class MemberThreads {
 public:
  explicit MemberThreads(Check& check) : check_(check) {}
  void check(const clang::ast_matchers::MatchFinder::MatchResult& r, const clang::FieldDecl* f);

 private:
  Check& check_;  // reports as this check
};

}  // namespace weft::vet

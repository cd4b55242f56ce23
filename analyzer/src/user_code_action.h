// The frontend action weft-vet runs on each translation unit: the checks' matchers over the
// code the user wrote, not over system headers.
//
// Matchers normally walk the whole AST, including every declaration and template instantiation
// of the standard library, which is most of a typical TU and where no check reports anyway
// (findings in system headers are never shown). The action limits the traversal scope to the
// top-level declarations outside system headers; weft's own headers, found with -I, are not
// system headers and stay in scope. While the matchers run, `tu` is the AST's TuContext.
#pragma once

#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/Tooling/Tooling.h>

#include <memory>

#include "weft_vet/tu_context.h"

namespace weft::vet {

std::unique_ptr<clang::tooling::FrontendActionFactory> match_user_code(
    clang::ast_matchers::MatchFinder& finder, TuContext& tu);

}  // namespace weft::vet

// Loops around a statement: which loop a variable belongs to, and whether a statement is inside
// a loop that also declares a variable.
#pragma once

#include <clang/AST/ASTContext.h>
#include <clang/AST/Stmt.h>

namespace weft::vet {

// Whether `s` is a loop statement.
bool is_loop(const clang::Stmt* s);

// The innermost loop that contains `s` and declares `var` (as its loop variable or in its
// body), stopping at the enclosing function or lambda; nullptr if none.
const clang::Stmt* loop_declaring(clang::ASTContext& ctx, const clang::Stmt* s,
                                  const clang::VarDecl* var);

}  // namespace weft::vet

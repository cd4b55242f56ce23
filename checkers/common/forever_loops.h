// Loops in a task's body that never end: a constant-true condition and no way out.
#pragma once

#include <clang/AST/Stmt.h>

#include <vector>

namespace weft::vet {

// Every loop in `body` (not in nested lambdas) that is forever and cannot exit.
std::vector<const clang::Stmt*> endless_loops(const clang::Stmt* body);

}  // namespace weft::vet

// A method that closes a channel of its object on every call, called twice on one object: the
// second call closes a closed channel. The two calls are statements that always run in their
// bodies — of one function and the lambdas (tasks) it makes, which share the object by
// reference — so both run whenever their code does. A lambda run through a Once
// (weft::Once::call, std::call_once) is left out: it runs at most once.
#pragma once

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>

#include <string>
#include <vector>

namespace weft::vet {

struct CloseTwice {
  clang::SourceLocation close;          // the close in the method
  clang::SourceLocation first, second;  // the two calls
  std::string object, method, channel;
};

// For a function that is not a lambda: the objects it and its lambdas close twice that way.
std::vector<CloseTwice> close_per_call_twice(const clang::FunctionDecl& function);

}  // namespace weft::vet

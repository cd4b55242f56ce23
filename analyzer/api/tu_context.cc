#include "weft_vet/tu_context.h"

#include <cstdlib>
#include <mutex>

#include <llvm/Support/raw_ostream.h>

namespace weft::vet {
namespace {

// The ASTs being matched now (one per worker thread), and their contexts.
std::mutex bound_mu;
std::map<const clang::ASTContext*, TuContext*>& bound() {
  static std::map<const clang::ASTContext*, TuContext*> contexts;
  return contexts;
}

}  // namespace

TuContext& TuContext::of(const clang::ASTContext& ast) {
  std::lock_guard g(bound_mu);
  const auto it = bound().find(&ast);
  if (it == bound().end()) {
    // An analysis ran outside the driver's matching: a bug in weft-vet, not in the input.
    llvm::errs() << "weft-vet: internal error: an analysis ran with no translation unit bound\n";
    std::abort();
  }
  return *it->second;
}

TuContext::Bind::Bind(const clang::ASTContext& ast, TuContext& tu) : ast_(ast) {
  std::lock_guard g(bound_mu);
  bound()[&ast] = &tu;
}

TuContext::Bind::~Bind() {
  std::lock_guard g(bound_mu);
  bound().erase(&ast_);
}

}  // namespace weft::vet

// TuContext: what the checks of one translation unit share, created by the driver for each TU.
// It reports findings (through its Reporter) and owns the analyses several checks read — a
// function's lock flow, a TU's channel facts — computed once and dropped with the TU, as
// go/analysis's pass.ResultOf. No result outlives its TU, so none can be read back by the next
// TU's checks at an address the old AST used.
#pragma once

#include <clang/AST/ASTContext.h>

#include <map>
#include <memory>

#include "weft_vet/reporter.h"

namespace weft::vet {

class TuContext {
 public:
  explicit TuContext(Reporter& reporter) : reporter_(reporter) {}
  TuContext(const TuContext&) = delete;
  TuContext& operator=(const TuContext&) = delete;

  Reporter& reporter() { return reporter_; }

  // The TU's one T (default-constructed on first use): a cache an analysis keeps for the TU.
  template <class T>
  T& result() {
    std::unique_ptr<Slot>& slot = results_[tag<T>()];
    if (!slot) slot = std::make_unique<Holder<T>>();
    return static_cast<Holder<T>&>(*slot).value;
  }

  // The context of the TU whose AST `ast` is, while the driver matches it (see Bind): how an
  // analysis deep in a check, holding only AST nodes, finds its TU's results.
  static TuContext& of(const clang::ASTContext& ast);

  // Makes `tu` the context of `ast` for the bind's lifetime (the AST's matching).
  class Bind {
   public:
    Bind(const clang::ASTContext& ast, TuContext& tu);
    ~Bind();
    Bind(const Bind&) = delete;
    Bind& operator=(const Bind&) = delete;

   private:
    const clang::ASTContext& ast_;
  };

 private:
  struct Slot {
    virtual ~Slot() = default;
  };
  template <class T>
  struct Holder : Slot {
    T value;
  };
  template <class T>
  static const void* tag() {  // a distinct address per type, without RTTI
    static const char t = 0;
    return &t;
  }

  Reporter& reporter_;
  std::map<const void*, std::unique_ptr<Slot>> results_;
};

}  // namespace weft::vet

// What the flow analyses (lock_flow, chan_flow) share: a forward fixpoint over a function's CFG,
// the place a path leaves the function, and a cache of results for the current translation unit.
#pragma once

#include <clang/AST/Decl.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/Stmt.h>
#include <clang/Analysis/CFG.h>

#include <cstdint>
#include <map>
#include <vector>

#include "weft_vet/tu_context.h"

namespace weft::vet {

// The state at the entry of every block, once `transfer` (a block's effect on a state) and
// `join` (merges a state into another; true if that changed it) reach a fixpoint from the
// function's entry. State is default-constructible with a `reached` flag.
template <class State, class Transfer, class Join>
std::vector<State> forward_fixpoint(const clang::CFG& cfg, Transfer transfer, Join join) {
  std::vector<State> in(cfg.getNumBlockIDs());
  std::vector<bool> queued(cfg.getNumBlockIDs(), false);
  in[cfg.getEntry().getBlockID()].reached = true;
  std::vector<const clang::CFGBlock*> work{&cfg.getEntry()};
  for (std::size_t steps = 0; !work.empty() && steps < 100000; ++steps) {
    const clang::CFGBlock* b = work.back();
    work.pop_back();
    queued[b->getBlockID()] = false;
    State out = in[b->getBlockID()];
    transfer(*b, out);
    for (const clang::CFGBlock::AdjacentBlock& s : b->succs()) {
      const clang::CFGBlock* next = s.getReachableBlock();
      if (next != nullptr && join(in[next->getBlockID()], out) && !queued[next->getBlockID()]) {
        queued[next->getBlockID()] = true;
        work.push_back(next);
      }
    }
  }
  return in;
}

inline bool leaves_function(const clang::CFG& cfg, const clang::CFGBlock& block) {
  for (const clang::CFGBlock::AdjacentBlock& s : block.succs()) {
    if (s.getReachableBlock() == &cfg.getExit()) return true;
  }
  return false;
}

// The fixpoint, then one pass over every reached block that records what happens there:
// transfer(block, state, record) with record=true once per block, and on_exit(block, state) for
// the blocks a path leaves the function from, with the state at their end.
template <class State, class Transfer, class Join, class OnExit>
void record_paths(const clang::CFG& cfg, Transfer transfer, Join join, OnExit on_exit) {
  const std::vector<State> in = forward_fixpoint<State>(
      cfg, [&](const clang::CFGBlock& b, State& s) { transfer(b, s, /*record=*/false); }, join);
  for (const clang::CFGBlock* b : cfg) {
    if (!in[b->getBlockID()].reached) continue;
    State out = in[b->getBlockID()];
    transfer(*b, out, /*record=*/true);
    if (leaves_function(cfg, *b)) on_exit(*b, out);
  }
}

// Where a path through `block` leaves the function: its return or throw, else the closing brace.
inline clang::SourceLocation exit_location(const clang::CFGBlock& block,
                                           const clang::FunctionDecl& function) {
  for (auto it = block.rbegin(); it != block.rend(); ++it) {
    if (const auto cs = it->getAs<clang::CFGStmt>();
        cs && (llvm::isa<clang::ReturnStmt>(cs->getStmt()) ||
               llvm::isa<clang::CXXThrowExpr>(cs->getStmt()))) {
      return cs->getStmt()->getBeginLoc();
    }
  }
  if (const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(function.getBody())) {
    return body->getRBracLoc();
  }
  return {};
}

// The flows of a TU's functions, kept in its TuContext (dropped with the TU).
template <class Flow>
struct FlowCache {
  std::map<const clang::FunctionDecl*, Flow> flows;
};

// compute(function), once per function of the translation unit being analysed.
template <class Flow, class Compute>
const Flow& cached_per_tu(const clang::FunctionDecl& function, Compute compute) {
  auto& cache = TuContext::of(function.getASTContext()).result<FlowCache<Flow>>().flows;
  auto it = cache.find(&function);
  if (it == cache.end()) it = cache.emplace(&function, compute()).first;
  return it->second;
}

}  // namespace weft::vet

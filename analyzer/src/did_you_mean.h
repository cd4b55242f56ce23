// The candidate nearest to a mistyped name (by edit distance, below `max_distance`), or "".
#pragma once

#include <llvm/ADT/StringRef.h>

#include <string>
#include <string_view>

namespace weft::vet {

template <class Range>
std::string nearest_name(std::string_view typed, const Range& candidates, unsigned max_distance) {
  std::string best;
  for (const auto& c : candidates) {
    const unsigned d = llvm::StringRef(typed).edit_distance(llvm::StringRef(c), true, max_distance);
    if (d < max_distance) max_distance = d, best = std::string(llvm::StringRef(c));
  }
  return best;
}

}  // namespace weft::vet

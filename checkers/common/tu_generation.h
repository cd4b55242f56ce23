// Which translation unit this thread is analysing, as a number that changes with each one.
// Caches keyed by AST node addresses (lock_flow, chan_flow) compare it: the next TU's AST may
// reuse the addresses of the last one's, so a cache must never outlive its TU.
#pragma once

#include <cstdint>

namespace weft::vet {

inline thread_local std::uint64_t tu_generation = 0;

// Called when a TU's checks are made, before its AST is matched.
inline void begin_translation_unit() { ++tu_generation; }

}  // namespace weft::vet

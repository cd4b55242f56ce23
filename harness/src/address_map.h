// AddressMap: object addresses -> dense indices (0, 1, 2, ... in order of first sight), for
// one execution at a time. clear() is O(1) and keeps the memory, so an exploration of
// millions of executions allocates only while its largest execution grows.
// Open addressing with linear probing; a slot is live when its generation is the map's.
// Invariant: size_ < capacity / 2 (so probes stay short and always end).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace weft::harness {

class AddressMap {
 public:
  static constexpr std::uint32_t kMissing = ~std::uint32_t{0};

  // The index of `key`, given the next free index if it is new (*added says which).
  std::uint32_t index(std::uintptr_t key, bool* added) {
    *added = false;
    // The same object twice in a row is common (a var read then written, a lock's two sides).
    if (last_.key == key && last_.generation == generation_) return last_.value;
    if ((size_ + 1) * 2 > slots_.size()) grow();
    Slot& s = probe(key);
    if (s.generation != generation_) {
      s = Slot{key, generation_, size_++};
      *added = true;
    }
    last_ = s;
    return s.value;
  }
  std::uint32_t find(std::uintptr_t key) const {
    if (slots_.empty()) return kMissing;
    const Slot& s = const_cast<AddressMap*>(this)->probe(key);
    return s.generation == generation_ ? s.value : kMissing;
  }
  void clear() {
    ++generation_;
    size_ = 0;
  }

 private:
  struct Slot {
    std::uintptr_t key = 0;
    std::uint32_t generation = 0;
    std::uint32_t value = 0;
  };
  Slot& probe(std::uintptr_t key) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>((key >> 3) * 0x9E3779B97F4A7C15ULL >> 20) & mask;
    while (slots_[i].generation == generation_ && slots_[i].key != key) i = (i + 1) & mask;
    return slots_[i];
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (s.generation == generation_) probe(s.key) = s;
    }
  }

  std::vector<Slot> slots_;
  std::uint32_t generation_ = 1;
  std::uint32_t size_ = 0;
  Slot last_;  // the last key index() saw (live while its generation is the map's)
};

}  // namespace weft::harness

// ClockRows: vector clocks of one width, kept as the rows of one flat table, so a join is one
// fixed-length loop over adjacent memory and nothing is allocated once the table has grown to
// the largest execution's size (clear() keeps the memory).
//
// A table does not choose its width: its owner keeps every table whose rows are joined with
// each other at one width, and widens them together (widen()) when a clock component beyond it
// appears — rarely, since widths double.
// Invariant: the table holds rows() * width() components; every row's components past what its
// owner set are 0.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace weft::harness {

// into := into ⊔ from, component-wise, over `width` components.
inline void join_clock(std::uint32_t* into, const std::uint32_t* from, std::size_t width) {
  for (std::size_t i = 0; i < width; ++i) into[i] = std::max(into[i], from[i]);
}

class ClockRows {
 public:
  explicit ClockRows(std::size_t width) : width_(width) {}

  std::size_t width() const { return width_; }
  std::size_t rows() const { return rows_; }
  std::uint32_t* row(std::size_t r) { return data_.data() + r * width_; }
  const std::uint32_t* row(std::size_t r) const { return data_.data() + r * width_; }

  // Rows [rows(), n) are added, all zero (the memory is kept from earlier executions).
  void grow_to(std::size_t n) {
    if (n <= rows_) return;
    if (n * width_ > data_.size()) data_.resize(std::max(n * width_, data_.size() * 2));
    std::fill(data_.begin() + static_cast<std::ptrdiff_t>(rows_ * width_),
              data_.begin() + static_cast<std::ptrdiff_t>(n * width_), 0);
    rows_ = n;
  }
  // A new last row, a copy of `clock` (width() components; it may not point into this table).
  void push(const std::uint32_t* clock) {
    grow_to(rows_ + 1);
    std::copy_n(clock, width_, row(rows_ - 1));
  }
  void clear() { rows_ = 0; }
  // Every row keeps its components; the new ones are 0.
  void widen(std::size_t width) {
    std::vector<std::uint32_t> wider(std::max(rows_, std::size_t{1}) * width * 2, 0);
    for (std::size_t r = 0; r < rows_; ++r) {
      std::copy_n(row(r), width_, wider.begin() + static_cast<std::ptrdiff_t>(r * width));
    }
    data_.swap(wider);
    width_ = width;
  }

 private:
  std::size_t width_;
  std::size_t rows_ = 0;
  std::vector<std::uint32_t> data_;
};

}  // namespace weft::harness

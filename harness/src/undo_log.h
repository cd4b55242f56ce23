// UndoLog: every change the events of an execution made to the DPOR's per-execution state —
// components of its clock tables, rows they grew, entries added to and removed from its
// per-object histories — newest last, so that the state as it was before any earlier event
// can be had back by undoing the changes after it.
//
// What it is for: a stateless search runs each execution from the start, and the next
// execution repeats the previous one's events up to where it branches. Those events change
// the state exactly as they did before (the program repeats itself), so instead of computing
// it again, event by event, the search rolls the previous execution's state back to where the
// branch begins (Dpor::begin_execution) and lets the repeated events run without touching it.
//
// Invariants: entries are in the order of the changes; a Mark taken before an event is a
// prefix of the log for as long as that event stays on the path; component indices are flat
// indices in tables of one width (a table widened makes the log useless: the owner clears it).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "clock_rows.h"

namespace weft::harness {

template <class Entry>
class UndoLog {
 public:
  static constexpr std::size_t kTables = 3;
  struct Mark {
    std::size_t clocks = 0;
    std::size_t entries = 0;
  };

  explicit UndoLog(std::array<ClockRows*, kTables> tables) : tables_(tables) {}

  // Off: every change is made and nothing is logged (the search does not roll back).
  void enable(bool on) { on_ = on; }
  bool enabled() const { return on_; }
  void clear() {
    clocks_.clear();
    used_ = 0;
    entries_.clear();
  }
  Mark mark() const { return Mark{clocks_.size(), entries_.size()}; }

  // at := value, in table t.
  void set(std::size_t t, std::uint32_t* at, std::uint32_t value) {
    if (on_) clocks_.push_back(Change{index(t, at), *at, table_of(t), kComponent});
    *at = value;
  }
  // into := into ⊔ from over n components, into a row (its start) of table t. The row is saved whole
  // before, whether the join changes it or not: a copy costs less than a branch per component
  // that the processor cannot predict.
  void join(std::size_t t, std::uint32_t* into, const std::uint32_t* from, std::size_t n) {
    save_row(t, into);
    join_clock(into, from, n);
  }
  // into := from over n components, into a row of table t.
  void copy(std::size_t t, std::uint32_t* into, const std::uint32_t* from, std::size_t n) {
    save_row(t, into);
    std::copy_n(from, n, into);
  }
  // Table t grows to `rows` rows (new rows are 0).
  void grow(std::size_t t, std::size_t rows) {
    ClockRows& table = *tables_[t];
    if (rows <= table.rows()) return;
    if (on_) clocks_.push_back(Change{static_cast<std::uint32_t>(table.rows()), 0, table_of(t), kRows});
    table.grow_to(rows);
  }

  // list[at] was removed; `list` is its index among the histories.
  void erased(std::uint32_t list, std::uint32_t at, const Entry& e) {
    if (on_) entries_.push_back(ListChange{list, at, e, true});
  }
  // An entry was added at the end of history `list`.
  void pushed(std::uint32_t list) {
    if (on_) entries_.push_back(ListChange{list, 0, Entry{}, false});
  }

  // Undoes every change made since `m`, newest first.
  void undo_to(Mark m, std::vector<std::vector<Entry>>& lists) {
    while (clocks_.size() > m.clocks) {
      const Change c = clocks_.back();
      clocks_.pop_back();
      ClockRows& table = *tables_[c.table];
      switch (c.kind) {
        case kComponent: table.at(c.index) = c.old; break;
        case kRow: {
          const std::size_t w = table.width();
          used_ -= w;
          std::memcpy(&table.at(c.index), saved_.data() + used_, w * sizeof(std::uint32_t));
          break;
        }
        case kRows: table.truncate(c.index); break;
      }
    }
    while (entries_.size() > m.entries) {
      const ListChange c = entries_.back();
      entries_.pop_back();
      std::vector<Entry>& list = lists[c.list];
      if (c.erased) {
        list.insert(list.begin() + static_cast<std::ptrdiff_t>(c.at), c.entry);
      } else {
        list.pop_back();
      }
    }
  }

 private:
  enum Kind : std::uint8_t {
    kComponent,  // component `index` (a flat index) was `old`
    kRow,        // the row starting at flat index `index` was the last width() of saved_
    kRows,       // the table had `index` rows
  };
  struct Change {  // 12 bytes: one is logged per row or component changed
    std::uint32_t index;
    std::uint32_t old;
    std::uint8_t table;
    Kind kind;
  };
  static std::uint8_t table_of(std::size_t t) { return static_cast<std::uint8_t>(t); }
  std::uint32_t index(std::size_t t, const std::uint32_t* at) const {
    return static_cast<std::uint32_t>(tables_[t]->flat_index(at));
  }
  // `row` is the start of a row of table t.
  void save_row(std::size_t t, const std::uint32_t* row) {
    if (!on_) return;
    const std::size_t w = tables_[t]->width();
    clocks_.push_back(Change{index(t, row), 0, table_of(t), kRow});
    if (used_ + w > saved_.size()) saved_.resize(2 * (used_ + w));
    std::memcpy(saved_.data() + used_, row, w * sizeof(std::uint32_t));
    used_ += w;
  }
  struct ListChange {
    std::uint32_t list;
    std::uint32_t at;
    Entry entry;
    bool erased;  // else: pushed
  };
  std::array<ClockRows*, kTables> tables_;
  bool on_ = false;
  std::vector<Change> clocks_;
  std::vector<std::uint32_t> saved_;  // [0, used_): the rows kRow changes saved, in order
  std::size_t used_ = 0;
  std::vector<ListChange> entries_;
};

}  // namespace weft::harness

#include "weft/harness/program.h"

#include <algorithm>

namespace weft::harness {

namespace {

// Constructed on first use: registrars run during static initialisation, in any order.
std::vector<Program>& registry() {
  static std::vector<Program> all;
  return all;
}

bool sorted = false;

void sort_once() {
  if (sorted) return;
  std::stable_sort(registry().begin(), registry().end(),
                   [](const Program& a, const Program& b) { return a.name < b.name; });
  sorted = true;
}

}  // namespace

ProgramRegistrar::ProgramRegistrar(const char* name, void (*body)(), const char* file, int line) {
  registry().push_back(Program{name, body, file, line});
  sorted = false;
}

const std::vector<Program>& programs() {
  sort_once();
  return registry();
}

const Program* find_program(std::string_view name) {
  for (const Program& p : programs()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<std::string> duplicate_names() {
  std::vector<std::string> dups;
  const auto& all = programs();
  for (std::size_t i = 1; i < all.size(); ++i) {
    if (all[i].name == all[i - 1].name && (dups.empty() || dups.back() != all[i].name)) {
      dups.push_back(all[i].name);
    }
  }
  return dups;
}

}  // namespace weft::harness

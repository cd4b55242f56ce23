// Programs registered by name, for the weft-explore command (and the corpus).
//
//   WEFT_PROGRAM(abba_deadlock) {
//     weft::Mutex a, b;
//     ...
//   }
//
// defines a program and registers it under its name at start-up. Link the file into a binary
// built with weft_explore_executable() (harness/CMakeLists.txt) and run
//   weft-explore abba_deadlock
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace weft::harness {

struct Program {
  std::string name;
  void (*body)();
  const char* file;
  int line;
};

// Every registered program, in name order. A name registered twice is an error that
// weft-explore reports (duplicate_names lists them).
const std::vector<Program>& programs();
const Program* find_program(std::string_view name);
std::vector<std::string> duplicate_names();

struct ProgramRegistrar {
  ProgramRegistrar(const char* name, void (*body)(), const char* file, int line);
};

}  // namespace weft::harness

#define WEFT_PROGRAM(name)                                                               \
  static void weft_program_##name();                                                     \
  [[maybe_unused]] static const ::weft::harness::ProgramRegistrar weft_registrar_##name( \
      #name, &weft_program_##name, __FILE__, __LINE__);                                  \
  static void weft_program_##name()

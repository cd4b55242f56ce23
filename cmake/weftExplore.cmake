# weft_explore_executable(<name> <sources>...): a weft-explore command over the programs that the
# sources register with WEFT_PROGRAM (weft/harness/program.h):
#   weft_explore_executable(explore_orders orders_programs.cc)
#   ./explore_orders --all        (or --list, or one program's name; --help for the rest)
# The same function in weft's own build and in a project that uses an installed weft
# (find_package(weft) includes this file).
function(weft_explore_executable name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE weft::explore_main weft::harness)
  if(TARGET weft_warnings)  # weft's own build
    target_link_libraries(${name} PRIVATE weft_warnings)
  endif()
endfunction()

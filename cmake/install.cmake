# Install rules and the CMake package: what `cmake --install` puts under the prefix, and what
# find_package(weft CONFIG) and pkg-config then find.
#   include/weft/...                 the library's headers (and the harness's, if built)
#   lib/libweft.a                    weft::weft
#   lib/libweft_harness.a            weft::harness (if built), weft::explore_main, weft::gtest
#   lib/cmake/weft/                  weftConfig.cmake, its version file, the targets,
#                                    weftExplore.cmake (weft_explore_executable)
#   lib/pkgconfig/weft.pc            the library for pkg-config users
#   bin/weft-vet                     the analyzer (if built)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(WEFT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/weft)
install(TARGETS weft EXPORT weftTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lib/include/weft DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/generated/include/weft/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/weft)

set(WEFT_WITH_HARNESS OFF)
if(TARGET weft_harness)
  set(WEFT_WITH_HARNESS ON)
  set(harness_targets weft_harness weft_explore_main)
  if(TARGET weft_gtest)
    list(APPEND harness_targets weft_gtest)
  endif()
  install(TARGETS ${harness_targets} EXPORT weftTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/harness/include/weft
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
  install(FILES ${PROJECT_SOURCE_DIR}/cmake/weftExplore.cmake DESTINATION ${WEFT_CMAKE_DIR})
endif()
if(TARGET weft-vet)
  install(TARGETS weft-vet RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT weftTargets NAMESPACE weft:: DESTINATION ${WEFT_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/weftConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/weftConfig.cmake
                              INSTALL_DESTINATION ${WEFT_CMAKE_DIR})
# 0.x: a new minor version may change the API, so only the same minor version is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/weftConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/weftConfig.cmake ${PROJECT_BINARY_DIR}/weftConfigVersion.cmake
        DESTINATION ${WEFT_CMAKE_DIR})
file(RELATIVE_PATH WEFT_PC_TO_PREFIX "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
configure_file(${PROJECT_SOURCE_DIR}/cmake/weft.pc.in ${PROJECT_BINARY_DIR}/weft.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/weft.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

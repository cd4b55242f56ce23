// clang-tidy's check-name globs: '*' matches any run of characters.
#pragma once

#include <string_view>

namespace weft::vet {

bool glob_matches(std::string_view glob, std::string_view name);

}  // namespace weft::vet

// A compile_commands.json read whole before clang's loader sees it. Clang's loader keeps the
// entries it could parse and drops the rest without a word (a truncated file loses its cut
// entry, trailing garbage is accepted); weft-vet wants every entry or an error that says where.
#pragma once

#include <string>

namespace weft::vet {

// Why dir/compile_commands.json is not a well-formed database, or "" (also when it is absent:
// the folder may hold another kind of database).
std::string json_database_error(const std::string& dir);
// The same for the compile_commands.json clang would find for `file`: the nearest one in the
// file's folder or above.
std::string json_database_error_above(const std::string& file);

}  // namespace weft::vet

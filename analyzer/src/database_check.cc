#include "database_check.h"

#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

namespace weft::vet {

std::string json_database_error(const std::string& dir) {
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, "compile_commands.json");
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer) {
    return buffer.getError() == std::errc::no_such_file_or_directory
               ? ""
               : "cannot read " + std::string(path) + ": " + buffer.getError().message();
  }
  const std::string where = std::string(path);
  llvm::Expected<llvm::json::Value> json = llvm::json::parse((*buffer)->getBuffer());
  if (!json) return where + " is not valid JSON: " + llvm::toString(json.takeError());
  const llvm::json::Array* entries = json->getAsArray();
  if (entries == nullptr) return where + " is not a JSON array of compile commands";
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const llvm::json::Object* e = (*entries)[i].getAsObject();
    const std::string entry = where + ": entry " + std::to_string(i + 1);
    if (e == nullptr) return entry + " is not an object";
    if (!e->getString("directory")) return entry + " has no \"directory\" string";
    if (!e->getString("file")) return entry + " has no \"file\" string";
    if (!e->getString("command") && !e->getArray("arguments")) {
      return entry + " has neither a \"command\" string nor an \"arguments\" list";
    }
  }
  return "";
}

std::string json_database_error_above(const std::string& file) {
  llvm::SmallString<256> dir(llvm::sys::path::parent_path(file));
  for (; !dir.empty(); dir = llvm::sys::path::parent_path(dir)) {
    llvm::SmallString<256> candidate(dir);
    llvm::sys::path::append(candidate, "compile_commands.json");
    if (llvm::sys::fs::exists(candidate)) return json_database_error(std::string(dir));
  }
  return "";
}

}  // namespace weft::vet

#include "baseline.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "output.h"

namespace weft::vet {

namespace {
std::string relative_to(const std::string& file, const std::string& dir) {
  std::error_code ec;
  auto rel = std::filesystem::relative(file, dir, ec);
  return ec || rel.empty() ? file : rel.generic_string();
}
std::string folder_of(const std::string& path) {
  std::error_code ec;
  return std::filesystem::absolute(path, ec).parent_path().string();
}
}  // namespace

std::string Baseline::load(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return "baseline " + path + " is a folder, not a file";
  std::ifstream in(path);
  if (!in) return "cannot read baseline " + path;
  dir_ = folder_of(path);
  std::string line;
  unsigned n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string check, file, hash;
    if (!std::getline(fields, check, '\t') || !std::getline(fields, file, '\t') ||
        !std::getline(fields, hash) || hash.empty()) {
      return path + ":" + std::to_string(n) + ": not a baseline line (check<TAB>path<TAB>hash)";
    }
    known_.emplace(check, file, hash);
  }
  return "";
}

bool Baseline::contains(const Finding& f) const {
  return known_.count({f.check, relative_to(f.place.file, dir_), line_hash(f.place.line_text)}) != 0;
}

std::string Baseline::write(const std::string& path, std::span<const Finding> findings) {
  std::ofstream out(path);
  if (!out) return "cannot write baseline " + path;
  const std::string dir = folder_of(path);
  out << "# weft-vet baseline: check, path, hash of the line's text\n";
  for (const Finding& f : findings) {
    out << f.check << '\t' << relative_to(f.place.file, dir) << '\t' << line_hash(f.place.line_text)
        << '\n';
  }
  return out ? "" : "cannot write baseline " + path;
}

}  // namespace weft::vet

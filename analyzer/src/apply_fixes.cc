#include "apply_fixes.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace weft::vet {
namespace {

struct Taken {
  const Edit* edit;
  std::size_t order;  // position in the findings, then in the fix
};

bool overlaps(const Edit& a, const Edit& b) {
  if (a.length == 0 && b.length == 0) return false;  // two insertions: both go in, in order
  if (a.length == 0) return b.offset < a.offset && a.offset < b.offset + b.length;
  if (b.length == 0) return a.offset < b.offset && b.offset < a.offset + a.length;
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

bool write_file(const std::string& path, const std::string& text, std::string& error) {
  const std::string temp = path + ".weft-vet-fix";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      error = "cannot write " + temp;
      return false;
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    error = "cannot replace " + path;
    return false;
  }
  return true;
}

}  // namespace

FixResult apply_fixes(std::span<const Finding> findings) {
  FixResult result;
  result.fixed.assign(findings.size(), false);
  std::map<std::string, std::vector<Taken>> by_file;
  std::size_t order = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const std::vector<Edit>& fix = findings[i].fix;
    if (fix.empty()) continue;
    const bool clashes = std::any_of(fix.begin(), fix.end(), [&](const Edit& e) {
      const auto it = by_file.find(e.place.file);
      return it != by_file.end() && std::any_of(it->second.begin(), it->second.end(),
                                                [&](const Taken& t) { return overlaps(e, *t.edit); });
    });
    if (clashes) continue;
    for (const Edit& e : fix) by_file[e.place.file].push_back({&e, order++});
    result.fixed[i] = true;
  }

  for (auto& [file, edits] : by_file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    std::string error = in ? "" : "cannot read " + file;
    // From the end backwards, so that earlier offsets stay valid; at one offset the later
    // insertion first, so that the earlier one ends up in front.
    std::sort(edits.begin(), edits.end(), [](const Taken& a, const Taken& b) {
      return a.edit->offset != b.edit->offset ? a.edit->offset > b.edit->offset : a.order > b.order;
    });
    for (const Taken& t : edits) {
      if (!error.empty()) break;
      if (t.edit->offset + t.edit->length > text.size()) {
        error = file + " changed since it was analysed";
        break;
      }
      text.replace(t.edit->offset, t.edit->length, t.edit->replacement);
    }
    if (error.empty() && write_file(file, text, error)) {
      ++result.files;
      continue;
    }
    result.errors.push_back(error);
    for (std::size_t i = 0; i < findings.size(); ++i) {
      for (const Edit& e : findings[i].fix) {
        if (e.place.file == file) result.fixed[i] = false;
      }
    }
  }
  return result;
}

}  // namespace weft::vet

#include "export_fixes.h"

#include <fstream>
#include <map>
#include <sstream>

namespace weft::vet {
namespace {

std::string quoted(const std::string& s) {  // a YAML double-quoted scalar
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

// The byte offset of line:column in the file (clang-tidy gives a diagnostic's place as one).
class Offsets {
 public:
  unsigned of(const Place& p) {
    auto it = line_starts_.find(p.file);
    if (it == line_starts_.end()) {
      std::vector<unsigned> starts{0};
      std::ifstream in(p.file, std::ios::binary);
      unsigned offset = 0;
      for (char c; in.get(c);) {
        ++offset;
        if (c == '\n') starts.push_back(offset);
      }
      it = line_starts_.emplace(p.file, std::move(starts)).first;
    }
    const std::vector<unsigned>& starts = it->second;
    if (p.line == 0 || p.line > starts.size()) return 0;
    return starts[p.line - 1] + (p.column == 0 ? 0 : p.column - 1);
  }

 private:
  std::map<std::string, std::vector<unsigned>> line_starts_;
};

}  // namespace

std::string write_fixes_yaml(const std::string& path, std::span<const Finding> findings) {
  Offsets offsets;
  std::ostringstream out;
  out << "---\nMainSourceFile: \"\"\nDiagnostics:\n";
  for (const Finding& f : findings) {
    out << "  - DiagnosticName: " << quoted(f.check) << "\n"
        << "    DiagnosticMessage:\n"
        << "      Message: " << quoted(f.message) << "\n"
        << "      FilePath: " << quoted(f.place.file) << "\n"
        << "      FileOffset: " << offsets.of(f.place) << "\n"
        << "      Replacements:" << (f.fix.empty() ? " []" : "") << "\n";
    for (const Edit& e : f.fix) {
      out << "        - FilePath: " << quoted(e.place.file) << "\n"
          << "          Offset: " << e.offset << "\n"
          << "          Length: " << e.length << "\n"
          << "          ReplacementText: " << quoted(e.replacement) << "\n";
    }
    out << "    Level: " << (f.error ? "Error" : "Warning") << "\n";
  }
  if (findings.empty()) out.seekp(-1, std::ios::cur), out << " []\n";
  out << "...\n";
  std::ofstream file(path);
  if (!file) return "cannot write " + path;
  file << out.str();
  return file ? "" : "cannot write " + path;
}

}  // namespace weft::vet

#include "weft_vet/reporter.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

namespace weft::vet {

Place Reporter::place(const clang::SourceManager& sm, clang::SourceLocation at) {
  const clang::SourceLocation loc = sm.getFileLoc(at);
  Place p;
  llvm::SmallString<256> path(sm.getFilename(loc));
  // Relative to the TU's working folder, which is its file system's, not the process's.
  sm.getFileManager().getVirtualFileSystem().makeAbsolute(path);
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  p.file = std::string(path);
  p.line = sm.getSpellingLineNumber(loc);
  p.column = sm.getSpellingColumnNumber(loc);
  bool invalid = false;
  const llvm::StringRef buffer = sm.getBufferData(sm.getFileID(loc), &invalid);
  if (!invalid) {
    const unsigned offset = sm.getFileOffset(loc);
    // StringRef::rfind(c, from) looks at the characters before `from`.
    const std::size_t begin = buffer.rfind('\n', offset);
    const std::size_t start = begin == llvm::StringRef::npos ? 0 : begin + 1;
    const std::size_t end = buffer.find('\n', offset);
    p.line_text = std::string(buffer.slice(start, end == llvm::StringRef::npos ? buffer.size() : end));
  }
  return p;
}

const Suppressions& Reporter::suppressions_for(const clang::SourceManager& sm,
                                               clang::FileID file, const std::string& path) {
  auto it = suppressions_.find(path);
  if (it == suppressions_.end()) {
    bool invalid = false;
    const llvm::StringRef text = sm.getBufferData(file, &invalid);
    it = suppressions_.emplace(path, Suppressions(invalid ? "" : std::string_view(text))).first;
  }
  return it->second;
}

bool Reporter::in_system_header(const clang::SourceManager& sm, clang::SourceLocation at) const {
  return at.isInvalid() || sm.isInSystemHeader(sm.getFileLoc(at));
}

bool Reporter::suppressed(const std::string& check, const clang::SourceManager& sm,
                          clang::SourceLocation at) {
  if (at.isInvalid()) return false;
  const clang::SourceLocation loc = sm.getFileLoc(at);
  const Place p = place(sm, loc);
  return suppressions_for(sm, sm.getFileID(loc), p.file).suppressed(check, p.line);
}

std::vector<Edit> Reporter::edits(const clang::SourceManager& sm,
                                  const std::vector<clang::FixItHint>& fix) {
  std::vector<Edit> out;
  for (const clang::FixItHint& h : fix) {
    const clang::CharSourceRange range = h.RemoveRange;
    const clang::SourceLocation begin = range.getBegin();
    const clang::SourceLocation end = range.getEnd();
    if (!range.isCharRange() || begin.isInvalid() || end.isInvalid() || begin.isMacroID() ||
        end.isMacroID() || !h.InsertFromRange.isInvalid() ||
        sm.getFileID(begin) != sm.getFileID(end)) {
      return {};
    }
    Edit e;
    e.place = place(sm, begin);
    e.offset = sm.getFileOffset(begin);
    e.length = sm.getFileOffset(end) - e.offset;
    e.replacement = h.CodeToInsert;
    out.push_back(std::move(e));
  }
  return out;
}

void Reporter::report(const std::string& check, const clang::SourceManager& sm,
                      clang::SourceLocation at, std::string message,
                      std::vector<std::pair<clang::SourceLocation, std::string>> notes,
                      const std::vector<clang::FixItHint>& fix) {
  if (at.isInvalid()) return;
  const clang::SourceLocation loc = sm.getFileLoc(at);
  if (sm.isInSystemHeader(loc)) return;
  Finding f;
  f.check = check;
  f.place = place(sm, loc);
  if (suppressions_for(sm, sm.getFileID(loc), f.place.file).suppressed(check, f.place.line)) return;
  f.message = std::move(message);
  for (auto& [where, text] : notes) {
    if (where.isValid()) f.notes.push_back({place(sm, where), std::move(text)});
  }
  f.fix = edits(sm, fix);
  findings_.push_back(std::move(f));
}

}  // namespace weft::vet

#include "summary_store.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Support/xxhash.h>

namespace weft::vet {

namespace {
constexpr int kFormat = 1;  // bumped when a summary's JSON changes shape
}  // namespace

std::string SummaryStore::open(const std::string& dir) {
  if (llvm::sys::fs::exists(dir) && !llvm::sys::fs::is_directory(dir)) {
    return "--summaries '" + dir + "' is a file, not a folder";
  }
  if (std::error_code e = llvm::sys::fs::create_directories(dir)) {
    return "--summaries '" + dir + "': cannot make the folder: " + e.message();
  }
  dir_ = dir;
  return "";
}

std::string SummaryStore::path_for(const std::string& check, const std::string& source) const {
  llvm::SmallString<256> p(dir_);
  llvm::sys::path::append(p, check, llvm::utohexstr(llvm::xxh3_64bits(source)) + ".json");
  return std::string(p);
}

std::string SummaryStore::write(const std::string& check, const std::string& source,
                                const TuSummary& summary) const {
  const std::string path = path_for(check, source);
  if (std::error_code e = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(path))) {
    return path + ": " + e.message();
  }
  // Written beside and renamed over: a reader never sees half a file.
  const std::string temporary = path + ".tmp";
  {
    std::error_code e;
    llvm::raw_fd_ostream out(temporary, e);
    if (e) return temporary + ": " + e.message();
    out << llvm::json::Value(llvm::json::Object{{"format", kFormat},
                                                {"check", check},
                                                {"source", source},
                                                {"summary", summary.to_json()}});
    out.close();
    if (out.has_error()) return temporary + ": " + out.error().message();
  }
  if (std::error_code e = llvm::sys::fs::rename(temporary, path)) return path + ": " + e.message();
  return "";
}

void SummaryStore::forget(const std::string& check, const std::string& source) const {
  llvm::sys::fs::remove(path_for(check, source));
}

std::vector<StoredSummary> SummaryStore::load(const CheckRow& row,
                                              const std::set<std::string>& skip,
                                              std::vector<std::string>* errors) const {
  std::vector<StoredSummary> out;
  llvm::SmallString<256> folder(dir_);
  llvm::sys::path::append(folder, row.name);
  std::error_code e;
  std::vector<std::string> paths;
  for (llvm::sys::fs::directory_iterator it(folder, e), end; it != end && !e; it.increment(e)) {
    if (llvm::sys::path::extension(it->path()) == ".json") paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());  // the same order on every run
  for (const std::string& path : paths) {
    auto bad = [&](const std::string& why) { errors->push_back(path + ": " + why); };
    auto buffer = llvm::MemoryBuffer::getFile(path);
    if (!buffer) {
      bad(buffer.getError().message());
      continue;
    }
    llvm::Expected<llvm::json::Value> json = llvm::json::parse((*buffer)->getBuffer());
    if (!json) {
      bad("not a stored summary: " + llvm::toString(json.takeError()));
      continue;
    }
    const llvm::json::Object* o = json->getAsObject();
    const auto format = o != nullptr ? o->getInteger("format") : std::nullopt;
    const auto source = o != nullptr ? o->getString("source") : std::nullopt;
    if (!format || !source || o->get("summary") == nullptr) {
      bad("not a stored summary (no format, source or summary)");
      continue;
    }
    if (*format != kFormat) {
      bad("written by another version of weft-vet (format " + std::to_string(*format) +
          ", this one reads " + std::to_string(kFormat) + "): analyse the whole codebase once "
          "to rewrite it");
      continue;
    }
    if (skip.count(source->str()) != 0) continue;  // analysed in this run
    if (!llvm::sys::fs::exists(*source)) {
      llvm::sys::fs::remove(path);  // the source is gone, and so is what it locked
      continue;
    }
    std::string why;
    std::unique_ptr<TuSummary> summary = row.load(*o->get("summary"), &why);
    if (summary == nullptr) {
      bad("does not fit: " + why);
      continue;
    }
    out.push_back(StoredSummary{source->str(), std::move(summary)});
  }
  if (e && e != std::errc::no_such_file_or_directory) errors->push_back(std::string(folder) + ": " + e.message());
  return out;
}

void files_in(const llvm::json::Value& json, std::set<std::string>* files) {
  if (const llvm::json::Object* o = json.getAsObject()) {
    for (const auto& [key, value] : *o) {
      if (key == "file") {
        if (auto s = value.getAsString()) files->insert(s->str());
      } else {
        files_in(value, files);
      }
    }
  } else if (const llvm::json::Array* a = json.getAsArray()) {
    for (const llvm::json::Value& v : *a) files_in(v, files);
  }
}

}  // namespace weft::vet

#include "output.h"

#include <llvm/Support/JSON.h>
#include <llvm/Support/xxhash.h>

#include <cctype>
#include <string>

namespace weft::vet {

namespace {

void caret(llvm::raw_ostream& out, const Place& p) {
  if (p.line_text.empty()) return;
  out << p.line_text << "\n";
  std::string pad;
  for (unsigned i = 1; i < p.column && i - 1 < p.line_text.size(); ++i) {
    pad += p.line_text[i - 1] == '\t' ? '\t' : ' ';
  }
  out << pad << "^\n";
}

llvm::json::Object place_json(const Place& p) {
  return llvm::json::Object{{"file", p.file}, {"line", p.line}, {"column", p.column}};
}

// A path as a URI reference: every byte outside RFC 3986's unreserved set (and '/') escaped.
std::string uri_path(const std::string& path) {
  std::string out;
  for (const unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += "0123456789ABCDEF"[c >> 4];
      out += "0123456789ABCDEF"[c & 15];
    }
  }
  return out;
}

// A file's SARIF artifactLocation: relative to %SRCROOT% (the folder weft-vet ran in) when the
// file is under it, as code-scanning services want; an absolute file:// URI otherwise.
llvm::json::Object artifact(const std::string& file, const std::string& root) {
  if (!root.empty() && file.size() > root.size() && file.compare(0, root.size(), root) == 0 &&
      file[root.size()] == '/') {
    return llvm::json::Object{{"uri", uri_path(file.substr(root.size() + 1))},
                              {"uriBaseId", "%SRCROOT%"}};
  }
  return llvm::json::Object{{"uri", "file://" + uri_path(file)}};
}

}  // namespace

std::string line_hash(const std::string& line_text) {
  const auto first = line_text.find_first_not_of(" \t");
  const auto last = line_text.find_last_not_of(" \t\r");
  const std::string core =
      first == std::string::npos ? "" : line_text.substr(first, last - first + 1);
  return llvm::utohexstr(llvm::xxh3_64bits(llvm::StringRef(core)), /*LowerCase=*/true);
}

void write_text(llvm::raw_ostream& out, std::span<const Finding> findings, bool color) {
  for (const Finding& f : findings) {
    out << f.place.file << ":" << f.place.line << ":" << f.place.column << ": ";
    if (color) out.changeColor(llvm::raw_ostream::MAGENTA, true);
    out << (f.error ? "error:" : "warning:");
    if (color) out.resetColor();
    out << " " << f.message << " [" << f.check << "]\n";
    caret(out, f.place);
    for (const Note& n : f.notes) {
      out << n.place.file << ":" << n.place.line << ":" << n.place.column << ": ";
      if (color) out.changeColor(llvm::raw_ostream::BLACK, true);
      out << "note:";
      if (color) out.resetColor();
      out << " " << n.message << "\n";
      caret(out, n.place);
    }
    for (const Edit& e : f.fix) {
      // The text the edit removes, when it lies on the edit's first line.
      const std::size_t from = e.place.column - 1;
      const std::size_t size = e.place.line_text.size();
      const std::string old =
          from + e.length <= size ? "'" + e.place.line_text.substr(from, e.length) + "'"
          : from <= size && from + e.length <= size + 2  // through the line's end
              ? (from == 0 ? "the line '" : "'") + e.place.line_text.substr(from) + "'"
              : std::to_string(e.length) + " characters";
      out << e.place.file << ":" << e.place.line << ":" << e.place.column << ": fix (--fix): "
          << (e.length == 0            ? "insert '" + e.replacement + "'"
              : e.replacement.empty() ? "remove " + old
                                      : "replace " + old + " with '" + e.replacement + "'")
          << "\n";
    }
  }
}

void write_json(llvm::raw_ostream& out, std::span<const Finding> findings) {
  llvm::json::Array all;
  for (const Finding& f : findings) {
    llvm::json::Array notes;
    for (const Note& n : f.notes) {
      llvm::json::Object o = place_json(n.place);
      o["message"] = n.message;
      notes.push_back(std::move(o));
    }
    llvm::json::Object o = place_json(f.place);
    o["check"] = f.check;
    o["message"] = f.message;
    o["notes"] = std::move(notes);
    llvm::json::Array fix;
    for (const Edit& e : f.fix) {
      llvm::json::Object edit = place_json(e.place);
      edit["offset"] = e.offset;
      edit["length"] = e.length;
      edit["replacement"] = e.replacement;
      fix.push_back(std::move(edit));
    }
    o["fix"] = std::move(fix);
    if (!f.flows.empty()) {
      llvm::json::Array flows;
      for (const std::vector<Note>& flow : f.flows) {
        llvm::json::Array steps;
        for (const Note& n : flow) {
          llvm::json::Object step = place_json(n.place);
          step["message"] = n.message;
          steps.push_back(std::move(step));
        }
        flows.push_back(std::move(steps));
      }
      o["flows"] = std::move(flows);
    }
    all.push_back(std::move(o));
  }
  out << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object{{"findings", std::move(all)}}))
      << "\n";
}

std::string help_uri_of(const std::string& help_uri, const std::string& check) {
  const std::string folder = check.rfind("weft-", 0) == 0 ? check.substr(5) : check;
  std::string uri;
  for (std::size_t i = 0; i < help_uri.size();) {
    if (help_uri.compare(i, 7, "{check}") == 0) {
      uri += check;
      i += 7;
    } else if (help_uri.compare(i, 8, "{folder}") == 0) {
      uri += folder;
      i += 8;
    } else {
      uri += help_uri[i++];
    }
  }
  return uri;
}

void write_sarif(llvm::raw_ostream& out, std::span<const Finding> findings,
                 std::span<const CheckInfo> rules, const std::string& root,
                 const std::string& help_uri) {
  auto physical = [&](const Place& p) {
    return llvm::json::Object{
        {"artifactLocation", artifact(p.file, root)},
        {"region", llvm::json::Object{{"startLine", p.line}, {"startColumn", p.column}}}};
  };
  llvm::json::Array rule_list;
  for (const CheckInfo& c : rules) {
    rule_list.push_back(llvm::json::Object{
        {"id", c.name},
        {"name", c.name},
        {"shortDescription", llvm::json::Object{{"text", c.summary}}},
        {"fullDescription", llvm::json::Object{{"text", c.summary}}},
        {"help", llvm::json::Object{{"text", c.readme}, {"markdown", c.readme}}},
        {"defaultConfiguration", llvm::json::Object{{"level", "warning"}}}});
    if (!help_uri.empty()) {
      (*rule_list.back().getAsObject())["helpUri"] = help_uri_of(help_uri, c.name);
    }
  }
  llvm::json::Array results;
  for (const Finding& f : findings) {
    int index = -1;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (f.check == rules[i].name) index = static_cast<int>(i);
    }
    llvm::json::Array related;
    int id = 0;
    for (const Note& n : f.notes) {
      related.push_back(llvm::json::Object{{"id", id++},
                                           {"physicalLocation", physical(n.place)},
                                           {"message", llvm::json::Object{{"text", n.message}}}});
    }
    llvm::json::Object result{
        {"ruleId", f.check},
        {"level", f.error ? "error" : "warning"},
        {"message", llvm::json::Object{{"text", f.message}}},
        {"locations",
         llvm::json::Array{llvm::json::Object{{"physicalLocation", physical(f.place)}}}},
        {"partialFingerprints",
         llvm::json::Object{{"weftLineHash/v1", f.check + ":" + line_hash(f.place.line_text)}}},
        {"relatedLocations", std::move(related)}};
    if (index >= 0) result["ruleIndex"] = index;
    if (!f.flows.empty()) {  // one code flow: a thread flow per task's steps
      llvm::json::Array thread_flows;
      for (const std::vector<Note>& flow : f.flows) {
        llvm::json::Array locations;
        for (const Note& n : flow) {
          locations.push_back(llvm::json::Object{
              {"location",
               llvm::json::Object{{"physicalLocation", physical(n.place)},
                                  {"message", llvm::json::Object{{"text", n.message}}}}}});
        }
        thread_flows.push_back(llvm::json::Object{{"locations", std::move(locations)}});
      }
      result["codeFlows"] = llvm::json::Array{
          llvm::json::Object{{"threadFlows", std::move(thread_flows)}}};
    }
    if (!f.fix.empty()) {
      llvm::json::Array changes;
      for (const Edit& e : f.fix) {
        changes.push_back(llvm::json::Object{
            {"artifactLocation", artifact(e.place.file, root)},
            {"replacements",
             llvm::json::Array{llvm::json::Object{
                 {"deletedRegion",
                  llvm::json::Object{{"charOffset", e.offset}, {"charLength", e.length}}},
                 {"insertedContent", llvm::json::Object{{"text", e.replacement}}}}}}});
      }
      result["fixes"] = llvm::json::Array{llvm::json::Object{
          {"description", llvm::json::Object{{"text", "weft-vet's fix for " + f.check}}},
          {"artifactChanges", std::move(changes)}}};
    }
    results.push_back(std::move(result));
  }
  llvm::json::Object log{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       llvm::json::Array{llvm::json::Object{
           {"tool", llvm::json::Object{{"driver",
                                        llvm::json::Object{{"name", "weft-vet"},
                                                           {"version", "0.1.0"},
                                                           {"rules", std::move(rule_list)}}}}},
           {"originalUriBaseIds",
            llvm::json::Object{
                {"%SRCROOT%", llvm::json::Object{{"uri", "file://" + uri_path(root) + "/"}}}}},
           {"results", std::move(results)}}}}};
  out << llvm::formatv("{0:2}", llvm::json::Value(std::move(log))) << "\n";
}

}  // namespace weft::vet

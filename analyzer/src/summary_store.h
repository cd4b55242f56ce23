// SummaryStore: the TU summaries of whole-codebase checks (lock-order-inversion) kept in a
// folder (weft-vet --summaries DIR), one file per check and source file, so that a run over a
// few changed files still sees the rest of the codebase as it was last analysed.
//
// Layout: DIR/<check>/<hash of the source's path>.json holding {"format", "check", "source",
// "summary"}. A run writes the summary of every TU it analyses (replacing the old one) and reads
// those of the other sources; a source that no longer exists is forgotten (its file removed).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "weft_vet/check.h"

namespace weft::vet {

struct StoredSummary {
  std::string source;
  std::unique_ptr<TuSummary> summary;
};

class SummaryStore {
 public:
  // Makes the folder if it is missing; "" or why it cannot be used.
  std::string open(const std::string& dir);
  // "" or why the summary could not be written.
  std::string write(const std::string& check, const std::string& source,
                    const TuSummary& summary) const;
  // Removes the stored summary of check for source, if there is one.
  void forget(const std::string& check, const std::string& source) const;
  // Every stored summary of row's check whose source is not in `skip` and still exists. A file
  // that cannot be read or does not fit adds its path and why to *errors.
  std::vector<StoredSummary> load(const CheckRow& row, const std::set<std::string>& skip,
                                  std::vector<std::string>* errors) const;

 private:
  std::string path_for(const std::string& check, const std::string& source) const;
  std::string dir_;
};

// Every value of a "file" key in the JSON (the places a summary mentions).
void files_in(const llvm::json::Value& json, std::set<std::string>* files);

}  // namespace weft::vet

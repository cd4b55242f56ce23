// Findings as a user sees them: clang's diagnostic form (with the source line and a caret),
// JSON, or SARIF 2.1.0.
#pragma once

#include <llvm/Support/raw_ostream.h>

#include <span>
#include <string>

#include "weft_vet/check.h"
#include "weft_vet/finding.h"

namespace weft::vet {

void write_text(llvm::raw_ostream& out, std::span<const Finding> findings, bool color);
void write_json(llvm::raw_ostream& out, std::span<const Finding> findings);
// root: an absolute folder (weft-vet's working folder); files under it get URIs relative to
// %SRCROOT%, which the log maps to root. help_uri: empty, or a template with {check} and/or
// {folder} that each rule's helpUri is made from (help_uri_of).
void write_sarif(llvm::raw_ostream& out, std::span<const Finding> findings,
                 std::span<const CheckInfo> rules, const std::string& root,
                 const std::string& help_uri = "");
std::string help_uri_of(const std::string& help_uri, const std::string& check);

// A hash of a line's text with its surrounding blanks removed: what the baseline and SARIF's
// partialFingerprints key a finding by, so that edits elsewhere do not change it.
std::string line_hash(const std::string& line_text);

}  // namespace weft::vet

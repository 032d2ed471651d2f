#pragma once
// Helpers shared by the unit tests: parse a string as a file, find diagnostics by code.
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/file_diagnostics.h"
#include "core/json_document.h"
#include "core/source_file.h"

namespace aic::testing {

struct Parsed {
  SourceFile source;
  FileDiagnostics out;
  JsonDocument doc;
  explicit Parsed(std::string text, ParseOptions options = {})
      : source("t.json", std::move(text)), out(source), doc(JsonDocument::parse(source, out, options)) {}
  std::vector<Diagnostic> with_code(const std::string& code) const {
    std::vector<Diagnostic> v;
    for (const auto& d : out.diagnostics())
      if (d.code == code) v.push_back(d);
    return v;
  }
};

}  // namespace aic::testing

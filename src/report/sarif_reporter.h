#pragma once
// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: tool and rule metadata, one
// result per finding with a physical location (relative URI under %SRCROOT%, region in code
// points, end column exclusive).
#include "report/reporter.h"

namespace aic {

class SarifReporter : public Reporter {
 public:
  explicit SarifReporter(ReportOptions options) : options_(std::move(options)) {}
  void write(std::ostream& out, const Report& report) const override;

 private:
  ReportOptions options_;
};

// "model_configs/a b.json" -> "model_configs/a%20b.json" (relative to `base`, uriBaseId SRCROOT);
// a file outside `base` -> an absolute "file:///..." URI. `relative` tells which.
std::string sarif_artifact_uri(const std::string& file, const std::string& base, bool& relative);

}  // namespace aic

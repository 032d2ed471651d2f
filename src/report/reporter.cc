#include "report/reporter.h"

#include "report/github_reporter.h"
#include "report/json_reporter.h"
#include "report/junit_reporter.h"
#include "report/sarif_reporter.h"
#include "report/text_reporter.h"

namespace aic {

std::unique_ptr<Reporter> make_reporter(const std::string& format, const ReportOptions& options) {
  if (format == "text") return std::make_unique<TextReporter>(options);
  if (format == "json") return std::make_unique<JsonReporter>();
  if (format == "sarif") return std::make_unique<SarifReporter>(options);
  if (format == "github") return std::make_unique<GithubReporter>();
  if (format == "junit") return std::make_unique<JunitReporter>();
  return nullptr;
}

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> formats = {"text", "json", "sarif", "github", "junit"};
  return formats;
}

SeverityCounts count_severities(const std::vector<Diagnostic>& diagnostics) {
  SeverityCounts c;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::error) ++c.errors;
    else if (d.severity == Severity::warning) ++c.warnings;
    else ++c.infos;
  }
  return c;
}

}  // namespace aic

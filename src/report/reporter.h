#pragma once
// One reporter per output format; each writes the whole (sorted) run to a stream.
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/rule_info.h"

namespace aic {

inline const std::vector<std::string> kNoFileNames;

struct Report {
  const std::vector<Diagnostic>& diagnostics;  // sorted
  std::size_t files = 0;
  const std::vector<std::string>& file_names = kNoFileNames;  // display paths of the linted files, sorted (junit)
};

struct ReportOptions {
  bool color = false;
  bool quiet = false;       // text: findings only, no summary line
  bool statistics = false;  // text: a count per rule after the findings
  // sarif: the directory artifact URIs are relative to (empty: the working directory), and the
  // rules described in tool.driver.rules (nullptr: all_rule_infos()).
  std::string base_directory;
  const std::vector<const RuleInfo*>* rules = nullptr;
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void write(std::ostream& out, const Report& report) const = 0;
};

// "text", "json", "sarif", "github", "junit"; nullptr for an unknown format.
std::unique_ptr<Reporter> make_reporter(const std::string& format, const ReportOptions& options);
const std::vector<std::string>& report_formats();

struct SeverityCounts {
  std::size_t errors = 0, warnings = 0, infos = 0;
};
SeverityCounts count_severities(const std::vector<Diagnostic>& diagnostics);

}  // namespace aic

#pragma once
// One input through the whole per-file pipeline (as a config and as a side-car: parse, index,
// schema, rules), the repository rules over that one file, and every reporter; then the output
// promises of the README ("What aic-lint promises on bad input"): valid UTF-8, no ESC or CR, no
// CI workflow command outside the github format; and the schema fast path never accepts what
// valijson rejects (schema_differential.h). Shared by the libFuzzer target and the test
// that replays fuzz/regressions/ (tests/unit/fuzz_regressions_test.cc).
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "report/reporter.h"
#include "rules/registry.h"
#include "schema_differential.h"

namespace aic::fuzz {

// What is wrong with the output of `format`, or "".
inline std::string check_output(const std::string& format, const std::string& out) {
  if (find_invalid_utf8(out) != std::string::npos) return "invalid UTF-8 in output";
  if (out.find('\r') != std::string::npos) return "raw CR in output";
  if (out.find('\x1b') != std::string::npos) return "raw ESC in output";
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("##[") != std::string::npos) return "legacy workflow command in output";
    std::size_t i = line.find_first_not_of(" \t");
    if (format != "github" && i != std::string::npos && line.compare(i, 2, "::") == 0)
      return "workflow command in output";
  }
  return {};
}

// Lints `bytes` and renders every format; returns the first broken promise, or "".
inline std::string lint_one_input(const std::string& bytes) {
  static const LintData lint_data = load_lint_data({});
  LintOptions options;
  options.jobs = 1;
  for (const char* name : {"fuzz--Model-8B_config.json", "fuzz--Model-8B_hf_quant_config.json"}) {
    std::vector<FileSummary> summaries(1);
    std::vector<Diagnostic> diagnostics =
        lint_bytes(std::string("model_configs/") + name, bytes, options, lint_data, summaries[0],
                   std::string("/nonexistent-fuzz-dir/model_configs/") + name);
    std::vector<Diagnostic> repository;
    RepositoryContext context{summaries, lint_data, repository};
    for (const RepositoryRule* rule : repository_rules()) rule->check(context);
    for (auto& d : repository) diagnostics.push_back(std::move(d));
    std::sort(diagnostics.begin(), diagnostics.end(), diagnostic_less);
    Report report{diagnostics, 1, {summaries[0].display_path}};
    for (const std::string& format : report_formats()) {
      std::ostringstream out;
      make_reporter(format, {})->write(out, report);
      if (std::string problem = check_output(format, out.str()); !problem.empty())
        return problem + " (format " + format + ", file " + name + ")";
    }
  }
  if (lint_data.schemas)
    if (std::string problem = schema_fast_path_problem(bytes, *lint_data.schemas); !problem.empty())
      return problem;
  return {};
}

}  // namespace aic::fuzz

#include "cli/check_command.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <spdlog/spdlog.h>

#include "cli/exit_codes.h"
#include "core/errors.h"
#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "report/reporter.h"

namespace aic {

void add_check_command(CLI::App& app, CheckOptions& o) {
  CLI::App* check = app.add_subcommand("check", "Lint model config files and directories");
  check->add_option("paths", o.paths, "Files or directories (default: ./model_configs)");
  check->add_option("-f,--format", o.format, "Output format")
      ->check(CLI::IsMember(report_formats()))
      ->default_str("text");
  check->add_option("-o,--output", o.output, "Write the report to FILE instead of stdout");
  check->add_option("--fail-on", o.fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->default_str("error");
  check->add_flag("--exit-zero", o.exit_zero, "Exit 0 even when there are findings");
  check->add_flag("-q,--quiet", o.quiet, "Print findings only (no summary line)");
  check->add_option("--color", o.color, "Colour the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
  check->add_option("-j,--jobs", o.jobs, "Files linted in parallel (default: number of cores)");
  check->add_option("--max-file-size", o.max_file_size, "Largest file read, in bytes (default 64 MiB)");
  // At most 1000: Python's json gives up near that depth anyway, and later stages (schema
  // validation) may walk the document recursively.
  check->add_option("--max-depth", o.max_depth, "Deepest JSON nesting read (default 128, at most 1000)")
      ->check(CLI::Range(1, 1000));
  check->add_flag("--follow-symlinks", o.follow_symlinks,
                  "Follow symbolic links that point outside the linted tree");
  check->add_option("--registry", o.registry_file,
                    "Architecture registry JSON to use instead of the embedded rules/architectures.json");
  check->add_option("--schema-dir", o.schema_dir,
                    "Directory of JSON Schemas to use instead of the embedded schemas/");
}

namespace {

bool use_color(const std::string& mode, bool to_stdout) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return to_stdout && ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

}  // namespace

int run_check(const CheckOptions& o) {
  std::vector<std::string> paths = o.paths;
  if (paths.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory("model_configs", ec))
      throw UsageError("no PATH given and ./model_configs does not exist; "
                       "try: aic-lint check path/to/model_configs");
    paths.push_back("model_configs");
  }

  LintOptions options;
  options.jobs = o.jobs;
  options.max_file_size = o.max_file_size;
  options.parse.max_depth = o.max_depth;
  options.walk.follow_symlinks = o.follow_symlinks;
  LintData data = load_lint_data({o.registry_file, o.schema_dir});

  LintResult result = lint_paths(paths, options, data);
  spdlog::debug("linted {} files, {} diagnostics", result.files, result.diagnostics.size());

  ReportOptions report_options;
  report_options.quiet = o.quiet;
  report_options.color = o.output.empty() && use_color(o.color, true);
  auto reporter = make_reporter(o.format, report_options);
  if (!reporter) throw UsageError("unknown format '" + o.format + "'");
  Report report{result.diagnostics, result.files, result.file_names};
  if (o.output.empty()) {
    reporter->write(std::cout, report);
    std::cout.flush();
  } else {
    std::ofstream file(o.output, std::ios::binary);
    if (!file) throw UsageError("cannot write '" + o.output + "'");
    reporter->write(file, report);
    if (!file.flush()) throw UsageError("cannot write '" + o.output + "'");
  }

  if (o.exit_zero) return exit_code::kClean;
  Severity threshold = parse_severity(o.fail_on).value_or(Severity::error);
  for (const Diagnostic& d : result.diagnostics)
    if (d.severity >= threshold) return exit_code::kFindings;
  return exit_code::kClean;
}

}  // namespace aic

#include "cli/check_command.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <utility>

#include <spdlog/spdlog.h>

#include "cli/exit_codes.h"
#include "cli/settings.h"
#include "core/errors.h"
#include "core/json_document.h"
#include "engine/filter.h"
#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "report/reporter.h"

namespace aic {

void add_check_command(CLI::App& app, CheckOptions& o) {
  CLI::App* check = app.add_subcommand("check", "Lint model config files and directories");
  check->add_option("paths", o.paths, "Files or directories (default: ./model_configs)");
  check->add_option("-f,--format", o.formats,
                    "Output format NAME[:FILE] (text, json, sarif, github, junit); repeat for several "
                    "formats in one run, e.g. --format text --format sarif:aic-lint.sarif")
      ->allow_extra_args(false)
      ->default_str("text");
  check->add_option("-o,--output", o.output,
                    "Write the report of the format(s) given without :FILE to FILE instead of stdout");
  check->add_option("--fail-on", o.fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->default_str("error");
  check->add_option("--select", o.select,
                    "Report only these rules: codes, names or code prefixes (AIC4), comma-separated; "
                    "repeatable; replaces the config file's select")
      ->allow_extra_args(false);
  check->add_option("--ignore", o.ignore,
                    "Do not report these rules (codes, names, prefixes), comma-separated; repeatable; "
                    "replaces the config file's ignore")
      ->allow_extra_args(false);
  check->add_flag("--statistics", o.statistics, "Text format: a count per rule after the findings");
  check->add_option("--config", o.config_file,
                    "Configuration file to use instead of the nearest .aic-lint.json");
  check->add_flag("--no-config", o.no_config, "Ignore .aic-lint.json files");
  check->add_flag("--show-settings", o.show_settings,
                  "Print the effective settings (config file merged with flags) as JSON and exit");
  check->add_flag("--exit-zero", o.exit_zero, "Exit 0 even when there are findings");
  check->add_flag("-q,--quiet", o.quiet, "Print findings only (no summary line)");
  check->add_option("--color", o.color, "Colour the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
  check->add_option("-j,--jobs", o.jobs, "Files linted in parallel (default: number of cores)");
  // Below 4 GiB: the front end indexes positions with 32-bit offsets.
  check->add_option("--max-file-size", o.max_file_size, "Largest file read, in bytes (default 64 MiB, below 4 GiB)")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{JsonDocument::kMaxTextSize}));
  // At most 1000: Python's json gives up near that depth anyway, and later stages (schema
  // validation) may walk the document recursively.
  check->add_option("--max-depth", o.max_depth, "Deepest JSON nesting read (default 128, at most 1000)")
      ->check(CLI::Range(1, 1000));
  check->add_flag("--follow-symlinks", o.follow_symlinks,
                  "Follow symbolic links that point outside the linted tree");
  check->add_option("--registry", o.registry_file,
                    "Architecture registry JSON to use instead of the embedded rules/architectures.json");
  check->add_option("--registry-source", o.registry_source,
                    "aiconfigurator's sdk/common.py: lint with the architectures it registers");
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

namespace {

void write_report(const OutputTarget& target, const Reporter& reporter, const Report& report) {
  if (target.file.empty()) {
    reporter.write(std::cout, report);
    std::cout.flush();
    return;
  }
  std::ofstream file(target.file, std::ios::binary);
  if (!file) throw UsageError("cannot write '" + target.file + "'");
  reporter.write(file, report);
  if (!file.flush()) throw UsageError("cannot write '" + target.file + "'");
}

}  // namespace

int run_check(const CheckOptions& o) {
  PhaseTimer timer;
  Settings settings = resolve_settings(o);
  if (o.show_settings) {
    write_settings(std::cout, settings);
    return exit_code::kClean;
  }

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
  options.timer = &timer;
  // The run's data (registry, compiled schemas) is left for the process exit to free: taking it
  // apart node by node cost a third of the parse floor's whole run on one small file. Reachable
  // from `kept`, so not a leak to LeakSanitizer; a second run_check() frees the first's.
  static LintData* const kept = new LintData;
  *kept = load_lint_data({settings.registry_file, settings.schema_dir, o.registry_source});
  const LintData& data = *kept;
  timer.mark("start-up");

  // Kept likewise: the result holds every file's summary and name (on 10,000 files, freeing them
  // string by string took as long as linting 500 files).
  static LintResult* const kept_result = new LintResult;
  *kept_result = lint_paths(paths, options, data);
  LintResult& result = *kept_result;
  spdlog::debug("linted {} files, {} diagnostics", result.files, result.diagnostics.size());
  filter_diagnostics(result.diagnostics, settings.filter);

  Report report{result.diagnostics, result.files, result.file_names};
  for (const OutputTarget& target : settings.outputs) {
    ReportOptions report_options;
    report_options.quiet = o.quiet;
    report_options.statistics = o.statistics;
    report_options.color = target.file.empty() && use_color(o.color, true);
    auto reporter = make_reporter(target.format, report_options);
    if (!reporter) throw UsageError("unknown format '" + target.format + "'");
    write_report(target, *reporter, report);
  }
  timer.mark("report");

  if (o.exit_zero) return exit_code::kClean;
  Severity threshold = parse_severity(settings.fail_on).value_or(Severity::error);
  for (const Diagnostic& d : result.diagnostics)
    if (d.severity >= threshold) return exit_code::kFindings;
  return exit_code::kClean;
}

}  // namespace aic

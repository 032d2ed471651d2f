#pragma once
// The effective settings of a `check` run: the configuration file (.aic-lint.json, --config,
// or none with --no-config) merged with the command line, where flags win.
#include <ostream>
#include <string>
#include <vector>

#include "cli/check_command.h"
#include "engine/filter.h"

namespace aic {

struct OutputTarget {
  std::string format;  // text, json, sarif, github, junit
  std::string file;    // empty: stdout
};

struct Settings {
  std::string config_path;  // empty: no configuration file
  FilterSettings filter;
  std::string registry_file, schema_dir;
  std::string fail_on = "error";
  std::vector<OutputTarget> outputs;
  std::vector<std::string> paths;
};

// Throws UsageError (or PositionedError for a bad configuration file).
Settings resolve_settings(const CheckOptions& options);

// --show-settings: the effective settings as JSON.
void write_settings(std::ostream& out, const Settings& settings);

// "sarif:out.sarif" -> {sarif, out.sarif}; throws UsageError for an unknown format.
OutputTarget parse_output_target(const std::string& spec, const std::string& default_file);

}  // namespace aic

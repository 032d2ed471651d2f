#pragma once
// The configuration file, .aic-lint.json: found from the working directory upward (up to the
// filesystem root or a directory holding .git), or named with --config. Validated against the
// embedded schemas/aic-lint-config.schema.json; every problem is reported at its line and column.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/filter.h"

namespace aic {

inline constexpr const char* kConfigFileName = ".aic-lint.json";

struct ConfigFile {
  std::string path;       // as found ("../.aic-lint.json") or given
  std::string directory;  // its directory; relative paths in the file are relative to it
  std::optional<std::vector<RuleSelector>> select, ignore;
  std::vector<SeveritySetting> severity;  // in file order
  std::vector<PathOverride> overrides;
  // Paths already resolved against `directory`.
  std::optional<std::string> registry, schema_dir;
  std::optional<std::string> fail_on;
  std::optional<std::vector<std::string>> formats;  // "NAME" or "NAME:FILE"
};

// The nearest .aic-lint.json from the working directory upward, as a path relative to it.
std::optional<std::string> discover_config_file();

// Reads and validates a configuration file. Throws PositionedError listing every problem as
// "path:line:col: error: message", or UsageError when the file cannot be read.
ConfigFile load_config_file(const std::string& path);

}  // namespace aic

#pragma once
// Loads the run's shared data (registry, schemas) from the embedded assets or user overrides.
#include <string>

#include "engine/lint_data.h"

namespace aic {

struct DataSources {
  std::string registry_file;  // empty: embedded rules/architectures.json
  std::string schema_dir;     // empty: embedded schemas/
};

// Throws UsageError when an override cannot be read or is invalid.
LintData load_lint_data(const DataSources& sources);

}  // namespace aic

#pragma once
// Loads the run's shared data (registry, schemas) from the embedded assets or user overrides.
#include <string>

#include "engine/lint_data.h"
#include "registry/architecture_registry.h"

namespace aic {

struct DataSources {
  std::string registry_file;    // empty: embedded rules/architectures.json
  std::string schema_dir;       // empty: embedded schemas/
  // aiconfigurator's sdk/common.py: its architectures (family, nesting) replace the registry's,
  // profiles still come from the registry (see overlay_registry_source). Empty: none.
  std::string registry_source;
};

// Throws UsageError when an override cannot be read or is invalid.
LintData load_lint_data(const DataSources& sources);

// The registry alone: `file`, or the embedded one when empty. Throws UsageError.
ArchitectureRegistry load_registry(const std::string& file);

}  // namespace aic

#include "engine/lint_data_loader.h"

#include "engine/schema_set.h"
#include "registry/architecture_registry.h"

namespace aic {

LintData load_lint_data(const DataSources& sources) {
  LintData data;
  data.registry = std::make_shared<const ArchitectureRegistry>(
      sources.registry_file.empty() ? ArchitectureRegistry::load_embedded()
                                    : ArchitectureRegistry::load_file(sources.registry_file));
  data.schemas = sources.schema_dir.empty() ? SchemaSet::embedded()
                                            : SchemaSet::from_directory(sources.schema_dir);
  return data;
}

}  // namespace aic

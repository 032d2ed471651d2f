#include "engine/lint_data_loader.h"

#include "engine/schema_set.h"
#include "registry/registry_source.h"

namespace aic {

ArchitectureRegistry load_registry(const std::string& file) {
  return file.empty() ? ArchitectureRegistry::load_embedded() : ArchitectureRegistry::load_file(file);
}

LintData load_lint_data(const DataSources& sources) {
  LintData data;
  ArchitectureRegistry registry = load_registry(sources.registry_file);
  if (!sources.registry_source.empty())
    registry = overlay_registry_source(registry, load_registry_source(sources.registry_source));
  data.registry = std::make_shared<const ArchitectureRegistry>(std::move(registry));
  data.schemas = sources.schema_dir.empty() ? SchemaSet::embedded()
                                            : SchemaSet::from_directory(sources.schema_dir);
  return data;
}

}  // namespace aic

#pragma once
// Read-only data shared by every file of a run: loaded once, before the first file.
#include <memory>

namespace aic {

class ArchitectureRegistry;  // rules/architectures.json (src/registry/)
class SchemaSet;             // compiled schemas/ (src/engine/schema_set.h)

struct LintData {
  std::shared_ptr<const ArchitectureRegistry> registry;
  std::shared_ptr<const SchemaSet> schemas;
};

}  // namespace aic

#pragma once
// Registry answers that depend on the profile only, which the registry computes afresh on every
// call (per_layer merges the generic list with the profile's): kept per thread and profile, so a
// rule does not rebuild them for every file.
#include <vector>

#include "registry/architecture_registry.h"

namespace aic {

const std::vector<PerLayerField>& per_layer_fields(const ArchitectureRegistry& registry,
                                                   const Profile& profile);

}  // namespace aic

#include "rules/profile_cache.h"

#include <cstdint>
#include <map>
#include <string>

namespace aic {

const std::vector<PerLayerField>& per_layer_fields(const ArchitectureRegistry& registry,
                                                   const Profile& profile) {
  // By registry (serial: unique per registry built in this process) and profile name.
  thread_local std::map<std::uint64_t, std::map<std::string, std::vector<PerLayerField>, std::less<>>> cache;
  auto& by_name = cache[registry.serial()];
  if (auto it = by_name.find(std::string_view(profile.name)); it != by_name.end()) return it->second;
  return by_name.emplace(profile.name, registry.per_layer(profile)).first->second;
}

}  // namespace aic

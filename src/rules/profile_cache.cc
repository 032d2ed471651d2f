#include "rules/profile_cache.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace aic {

const std::vector<PerLayerField>& per_layer_fields(const ArchitectureRegistry& registry,
                                                   const Profile& profile) {
  // By registry (serial: unique per registry built in this process) and profile name.
  thread_local std::map<std::uint64_t, std::map<std::string, std::vector<PerLayerField>, std::less<>>> cache;
  // Asked several times per file: profiles already seen are found by address first (verified by
  // name, the cache's key), a few comparisons instead of two map searches.
  struct Seen {
    std::uint64_t serial;
    const Profile* profile;
    const std::string* name;
    const std::vector<PerLayerField>* fields;
  };
  thread_local std::vector<Seen> seen;
  for (const Seen& s : seen)
    if (s.profile == &profile && s.serial == registry.serial() && *s.name == profile.name) return *s.fields;
  auto& by_name = cache[registry.serial()];
  auto it = by_name.find(std::string_view(profile.name));
  if (it == by_name.end()) it = by_name.emplace(profile.name, registry.per_layer(profile)).first;
  if (seen.size() >= 64) seen.clear();  // bounded: profiles built elsewhere may come and go
  seen.push_back({registry.serial(), &profile, &it->first, &it->second});
  return it->second;
}

}  // namespace aic

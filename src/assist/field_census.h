#pragma once
// Which keys the configs of a model_configs directory carry: the census behind `aic-lint fields`
// and the "new fields" step of `aic-lint import` (the seed guide's Phase 1, step 3).
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/rapidjson.h"
#include "registry/architecture_registry.h"

namespace aic {

// The keys of one config. LLM-level keys are relative to the object the parser reads the LLM
// fields from (text_config for nested architectures), dotted inside nested objects
// ("rope_scaling.factor", at most three levels; objects that are tables of module names or ids
// are listed as one key); top-level keys outside that object keep their top-level name
// ("architectures", "vision_config.depth"). A key present at both levels is one key.
struct ConfigFields {
  std::string file;          // display path
  std::string architecture;  // architectures[0], "" when absent or not a string
  std::string family;        // its registered family, "" when unregistered
  const Profile* profile = nullptr;  // its profile, null when unregistered
  std::set<std::string> llm_keys;    // at the LLM level
  std::set<std::string> top_keys;    // top level, outside the LLM level
  // Keys the consumer reads for this config: LLM-level keys in the profile's vocabulary (the
  // GENERIC profile's when unregistered) and top-level keys in generic.top_level_reads.
  std::set<std::string> read_keys;

  std::set<std::string> all_keys() const;
};

// `profile_override`: read the config as this profile (null: its architecture's, or GENERIC).
ConfigFields config_fields(const std::string& file, const rapidjson::Value& root,
                           const ArchitectureRegistry& registry, const Profile* profile_override = nullptr);

// Reads and parses a config file (NaN/Infinity allowed, as the loader does). nullopt when the file
// cannot be read or parsed, or is not an object.
std::optional<ConfigFields> read_config_fields(const std::string& path, const std::string& display,
                                               const ArchitectureRegistry& registry);

// The *_config.json files (not side-cars) of a directory, sorted; `recursive` walks below it.
std::vector<std::string> config_files_in(const std::string& directory, bool recursive);

struct FieldRow {
  std::string key;
  std::size_t configs = 0;                      // configs carrying it
  std::size_t read_in = 0;                      // of those, configs for which the consumer reads it
  std::map<std::string, std::size_t> families;  // family ("unregistered" when none) -> configs
};

// One row per key, sorted by key.
std::vector<FieldRow> field_census(const std::vector<ConfigFields>& configs);

// The keys of `config` that none of `others` carries, sorted.
std::vector<std::string> new_keys(const ConfigFields& config, const std::vector<ConfigFields>& others);

}  // namespace aic

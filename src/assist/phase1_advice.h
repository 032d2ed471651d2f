#pragma once
// The Phase-1 assistant of `aic-lint import`: for a new model config, what the seed guide asks a
// person to work out by hand: the fields no other config has (and whether the consumer reads
// them, or they look like misspellings), whether every field the parser needs is there, and, for
// an architecture not yet registered, the closest family and the registry entry to add.
#include <optional>
#include <string>
#include <vector>

#include "assist/field_census.h"
#include "core/rapidjson.h"
#include "registry/architecture_registry.h"

namespace aic {

struct NewField {
  std::string key;
  bool read = false;       // the consumer reads it for this profile
  bool per_layer = false;  // a per-layer pattern field the registry describes
  std::string typo_of;     // a key it looks like a misspelling of ("" if none)
  std::string alias_note;  // a known wrong name: what it stands for and why ("" if none)
};

struct MissingField {
  std::string key;
  std::string consequence;  // what the parser does without it
};

struct FamilyGuess {
  std::string family, profile;
  std::string by_model_type;  // registered architecture with the config's model_type
  std::string by_name;        // registered architecture with the closest name
  std::string by_keys;        // family whose default profile the config's keys fit best
  std::string entry_json;     // the rules/architectures.json entry to add
};

struct Phase1Advice {
  std::string architecture;                // architectures[0], "" when unusable
  const Architecture* registered = nullptr;
  const Profile* profile = nullptr;        // the profile the advice reads the config with
  std::size_t compared_with = 0;           // other configs in the directory
  std::vector<NewField> new_fields;
  std::vector<MissingField> missing_required;
  std::vector<MissingField> missing_recommended;
  std::optional<FamilyGuess> guess;        // when not registered
};

Phase1Advice phase1_advice(const rapidjson::Value& root, const std::vector<ConfigFields>& others,
                           const ArchitectureRegistry& registry);

}  // namespace aic

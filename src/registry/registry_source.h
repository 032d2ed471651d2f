#pragma once
// aiconfigurator's own architecture tables, read from its sdk/common.py
// (ARCHITECTURE_TO_MODEL_FAMILY and MULTIMODAL_TEXT_CONFIG_KEY), compared with aic-lint's
// registry (`registry diff`) or laid over it (`check --registry-source`).
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "registry/architecture_registry.h"

namespace aic {

struct RegistrySource {
  struct Entry {
    std::string value;  // the family, or the nesting key
    std::size_t line = 0, column = 0;
  };
  std::string path;                                       // as given
  std::map<std::string, Entry, std::less<>> families;     // ARCHITECTURE_TO_MODEL_FAMILY
  std::map<std::string, Entry, std::less<>> nesting;      // MULTIMODAL_TEXT_CONFIG_KEY (may be empty)
};

// Reads the two tables from Python source text. Throws UsageError ("display:line:col: ...") when
// ARCHITECTURE_TO_MODEL_FAMILY is missing, either table is not a dict of strings to strings, or a
// literal is outside the subset aic-lint reads (see registry/python_literal.h).
RegistrySource parse_registry_source(std::string_view text, const std::string& display);
// The same from a file. Throws UsageError when it cannot be read.
RegistrySource load_registry_source(const std::string& path);

// What differs between aiconfigurator's tables and aic-lint's registry.
struct RegistryDiff {
  struct FamilyChange {
    std::string architecture, upstream, ours;
  };
  struct NestingChange {
    std::string architecture;
    std::string upstream;  // nesting key, "" = top level
    std::string ours;      // nesting key, "" = top level
  };
  std::vector<std::string> only_upstream;     // registered upstream, unknown to aic-lint
  std::vector<std::string> only_ours;         // in aic-lint's registry, not registered upstream
  std::vector<FamilyChange> family_changes;   // registered in both, family differs
  std::vector<NestingChange> nesting_changes; // registered in both, nesting differs
  std::vector<std::string> unknown_families;  // upstream families aic-lint has no entry for
  // MULTIMODAL_TEXT_CONFIG_KEY entries for architectures ARCHITECTURE_TO_MODEL_FAMILY does not
  // register: dead upstream, reported but not counted as a difference.
  std::vector<std::string> nesting_unregistered;

  std::size_t count() const {
    return only_upstream.size() + only_ours.size() + family_changes.size() + nesting_changes.size() +
           unknown_families.size();
  }
  bool empty() const { return count() == 0; }
};

RegistryDiff diff_registry(const RegistrySource& source, const ArchitectureRegistry& registry);

// The entry rules/architectures.json needs for an architecture, in the file's own layout (the
// key indented by 4, as under "architectures"), e.g.
//     "FooForCausalLM": {
//       "family": "LLAMA",
//       "profile": "LLAMA",
//       "text_config": false,
//       "model_types": [
//         "foo"
//       ]
//     }
// text_model_types is written when not empty.
std::string registry_entry_json(const Architecture& architecture);

// A registry whose architectures are exactly the source's: family and nesting from the source;
// profile, model types and notes from `base` when it knows the architecture with that family, else
// the family's default_profile (GENERIC when the family is unknown to `base` too). Architectures
// `base` does not know are marked source_only (AIC301 says so in an info diagnostic).
// Throws UsageError when the source nests an architecture under a key other than the registry's
// text_config key (aic-lint reads one nesting key).
ArchitectureRegistry overlay_registry_source(const ArchitectureRegistry& base, const RegistrySource& source);

}  // namespace aic

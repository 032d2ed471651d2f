#pragma once
// The architecture registry (rules/architectures.json, or --registry FILE): which architectures
// aiconfigurator accepts, where their LLM fields live, and which keys its parser reads for each.
// The field meanings are documented in schemas/registry.schema.json; the structs below mirror it
// one to one (names kept), already validated and cross-checked, so rules never re-check the data.
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/edit_distance.h"
#include "core/rapidjson.h"

namespace aic {

struct RegistrySource;  // registry/registry_source.h

using KeyList = std::vector<std::string>;  // keys at the LLM level; "a.b" is key b inside object a

// A value of a per-layer field's "allowed" list: a string (or a character, for kind string) or an
// integer.
using AllowedValue = std::variant<std::string, std::int64_t>;
std::string to_string(const AllowedValue& value);  // JSON spelling: "full" or 4

// A field with one entry per decoder layer.
struct PerLayerField {
  enum class Kind { list, string, list_or_scalar };
  enum class ValueType { any, string, integer, object };
  enum class LengthCheck { equal, at_least };

  std::string key;
  Kind kind = Kind::list;
  ValueType value_type = ValueType::any;
  std::vector<AllowedValue> allowed;  // empty: any value
  bool mtp_extra_allowed = false;     // layers + num_nextn_predict_layers is also a right length
  bool checked_by_parser = false;     // a wrong length makes the parser raise (error, else warning)
  LengthCheck parser_length_check = LengthCheck::equal;
  bool values_checked_by_parser = false;  // a value outside `allowed` raises (error, else warning)
  std::string note;

  // True when `allowed` is empty or holds this value.
  bool allows(const AllowedValue& value) const;
  bool operator==(const PerLayerField&) const = default;
};

// A key read with a default that is wrong for the profile.
struct RecommendedKey {
  std::string key;
  std::string default_json;  // the default the parser uses, as JSON text ("0", "1", "[]")
  std::string why;
  bool only_if_experts = false;    // only when an expert count is set
  KeyList unless_present;          // not recommended when any of these is present
  bool operator==(const RecommendedKey&) const = default;
};

// A spelling that looks right but is not what the parser reads.
struct Alias {
  std::string written;
  KeyList means;           // what the parser reads instead
  std::string note;
  KeyList profiles;        // empty: every profile
  KeyList except_profiles;
  bool applies_to(std::string_view profile) const;
  bool operator==(const Alias&) const = default;
};

struct VisionSpec {
  bool recommended = false;
  KeyList required;
  KeyList reads;
  std::string why;
  bool operator==(const VisionSpec&) const = default;
};

struct LayerIdSets {
  std::string parent;
  KeyList sets;
  int index_base = 0;
  bool must_cover_all_layers = false;
  KeyList non_empty;
  KeyList range_checked_by_parser;
  std::string note;
  bool operator==(const LayerIdSets&) const = default;
};

// One set of parser reads, shared by one or more architectures.
struct Profile {
  enum class Experts { required, optional, none };

  std::string name;
  std::string description;
  bool mla = false;
  KeyList mla_fields;
  Experts experts = Experts::optional;
  bool expert_size_differs = false;
  KeyList required;
  std::string required_note;
  std::vector<KeyList> required_one_of;
  std::vector<RecommendedKey> recommended;  // in file order
  KeyList reads;
  std::vector<PerLayerField> per_layer;     // profile-specific only; see ArchitectureRegistry::per_layer
  std::vector<Alias> aliases;               // profile-specific only; see ArchitectureRegistry::aliases
  KeyList extra_topk_keys;
  KeyList boolean_keys;
  KeyList block_config_reads;
  std::optional<VisionSpec> vision;
  std::optional<LayerIdSets> layer_id_sets;
  std::vector<std::string> notes;

  const RecommendedKey* find_recommended(std::string_view key) const;
  bool operator==(const Profile&) const = default;
};

struct Architecture {
  std::string name;     // architectures[0], exact case
  std::string family;   // aiconfigurator's model family
  std::string profile;  // key into the registry's profiles (validated)
  bool text_config = false;  // LLM fields under text_config when that key exists
  KeyList model_types;
  KeyList text_model_types;
  std::string note;
  // Registered only by aiconfigurator's common.py (check --registry-source): aic-lint has no
  // entry of its own, so it is linted with its family's default profile (or GENERIC).
  bool source_only = false;
  bool operator==(const Architecture&) const = default;
};

struct Family {
  std::string name;
  std::string default_profile;  // validated
  bool operator==(const Family&) const = default;
};

struct LayerCountSource {
  struct Fallback {
    std::string key;
    enum class Kind { list, string } kind = Kind::list;
    bool operator==(const Fallback&) const = default;
  };
  std::string key;  // num_hidden_layers
  std::vector<Fallback> fallbacks;
  std::string note;
  bool operator==(const LayerCountSource&) const = default;
};

// Reads every architecture gets.
struct GenericReads {
  KeyList top_level_required;
  KeyList top_level_reads;
  KeyList required;
  LayerCountSource layer_count;
  KeyList reads;
  KeyList nullable;
  KeyList head_dim_keys;      // parser order
  KeyList topk_keys;          // parser order, None-chain
  KeyList expert_count_keys;  // parser order, falsy chain
  std::string moe_intermediate_size_fallback;
  std::vector<PerLayerField> per_layer;
  std::vector<Alias> aliases;

  bool is_nullable(std::string_view key) const;
  bool operator==(const GenericReads&) const = default;
};

// Where a config's LLM fields are, as the parser reads them.
struct LlmLevel {
  const rapidjson::Value* object = nullptr;  // the object the parser reads; null if unusable
  std::string pointer;  // RFC 6901 pointer of that object ("" = top level, "/text_config")
  bool nested = false;  // true when read from text_config
  // text_config is present but not an object: the parser raises ValueError. `object` is then null.
  bool text_config_not_object = false;
};

class ArchitectureRegistry {
 public:
  // The embedded rules/architectures.json (built by code generated from it at build time).
  static ArchitectureRegistry load_embedded();
  // A registry file (--registry). Throws UsageError when unreadable or invalid.
  static ArchitectureRegistry load_file(const std::string& path);
  // Parses and validates registry text; `display_name` prefixes error positions.
  // Throws UsageError ("name:line:col: what is wrong") when the text is not a valid registry.
  enum class SchemaCheck { validate, skip };
  static ArchitectureRegistry parse(std::string_view text, const std::string& display_name,
                                    SchemaCheck schema_check = SchemaCheck::validate);

  int version() const { return version_; }
  const std::string& upstream_commit() const { return upstream_commit_; }
  const std::string& text_config_key() const { return text_config_key_; }
  const GenericReads& generic() const { return generic_; }

  // Sorted by name (std::map): stable order for listings and `registry diff`.
  const std::map<std::string, Architecture, std::less<>>& architectures() const { return architectures_; }
  const std::map<std::string, Profile, std::less<>>& profiles() const { return profiles_; }
  const std::map<std::string, Family, std::less<>>& families() const { return families_; }

  // Exact, case-sensitive lookup, as the parser does. nullptr if not registered.
  const Architecture* find_architecture(std::string_view name) const;
  const Profile* find_profile(std::string_view name) const;
  const Family* find_family(std::string_view name) const;
  // The profile of a registered architecture (always exists: checked at load).
  const Profile& profile_of(const Architecture& architecture) const;

  // Registered names closest to `name` (case-insensitive edit distance), best first, for
  // "did you mean". Only names within a distance that makes sense for the length; at most `max`.
  std::vector<std::string> closest_architectures(std::string_view name, std::size_t max = 3) const;

  // The per-layer fields of a profile: generic ones, with the profile's entries replacing same-name
  // generic ones and adding the rest.
  std::vector<PerLayerField> per_layer(const Profile& profile) const;
  // The aliases that apply to a profile (generic + profile-specific, profile wins on the same
  // written key; filtered by profiles/except_profiles; none that the profile's own lists read:
  // generic reads do not count, so Gemma-4's sliding_window_size -> sliding_window stays).
  std::vector<Alias> aliases(const Profile& profile) const;
  // Every key the consumer reads at the LLM level for a profile: generic reads and required keys,
  // the layer-count fallbacks, the profile's required, recommended, reads, mla_fields, per-layer,
  // extra top-k and required_one_of keys. Sorted, unique. Dotted keys stay dotted.
  // Computed on first use per profile (a run usually needs one or two of them), thread-safe.
  const std::vector<std::string>& vocabulary(const Profile& profile) const;
  // Every non-dotted key that some profile reads at the LLM level (union of the vocabularies).
  // Computed on first use, thread-safe.
  const std::set<std::string>& keys_read_by_any_profile() const;
  // Unique per registry object built (or copied) in this process: a key for caches derived from it.
  std::uint64_t serial() const { return caches_.serial; }
  // True when the profile reads `key` (as vocabulary() would list it).
  bool reads(const Profile& profile, std::string_view key) const;

  // The object the parser reads LLM fields from: for an architecture with text_config true, the
  // top-level text_config when present (it must be an object), else the top level. For
  // `architecture` null (unregistered) the top level, or text_config when it is an object.
  LlmLevel llm_level(const rapidjson::Value& root, const Architecture* architecture) const;

 private:
  int version_ = 0;
  std::string upstream_commit_;
  std::string text_config_key_;
  GenericReads generic_;
  std::map<std::string, Architecture, std::less<>> architectures_;
  std::map<std::string, Profile, std::less<>> profiles_;
  std::map<std::string, Family, std::less<>> families_;

  // Data derived from the profiles and generic reads, built on first use by whichever worker
  // thread asks first: a pre-commit call on one config needs one profile's, not all of them.
  // A copy of the registry starts empty with a new serial, since the copy may then be changed.
  struct Caches {
    Caches();
    Caches(const Caches&) : Caches() {}
    Caches& operator=(const Caches&);
    std::uint64_t serial;
    std::mutex mutex;
    std::map<std::string, std::vector<std::string>, std::less<>> vocabulary;  // by profile name
    std::optional<std::set<std::string>> keys_read_anywhere;
  };
  mutable Caches caches_;

  std::vector<std::string> compute_vocabulary(const Profile& profile) const;
  // Fills `r` with rules/architectures.json: defined in build/generated/embedded_registry.cc,
  // written by tools/registry_codegen.cc from the file loaded with parse().
  static void fill_embedded(ArchitectureRegistry& r);

  friend class RegistryBuilder;
  friend ArchitectureRegistry overlay_registry_source(const ArchitectureRegistry&, const RegistrySource&);
};


}  // namespace aic

#pragma once
// A config as aiconfigurator's parser sees it: its registered architecture and profile, and the
// object the LLM fields are read from (text_config or the top level). Shared by the semantic
// rules so they agree on what "the field" is, plus Python-semantics helpers for values.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/rapidjson.h"
#include "registry/architecture_registry.h"
#include "core/member_index.h"
#include "rules/rule.h"

namespace aic {

struct ConfigView {
  const ArchitectureRegistry* registry = nullptr;
  const rapidjson::Value* root = nullptr;
  const Architecture* architecture = nullptr;  // registered architectures[0]
  const Profile* profile = nullptr;
  LlmLevel llm;
  // The members of llm.object: get() probes this instead of scanning.
  const MemberIndex& llm_members() const { return document_index ? *document_index : own_index; }
  const MemberIndex* document_index = nullptr;  // the front end's, when llm.object is the root
  MemberIndex own_index;                        // otherwise (text_config)

  // A member of the top-level object (the first of that name, as FindMember finds it), or nullptr:
  // through the front end's index of the root when it has one.
  const rapidjson::Value* top(std::string_view key) const;
  const MemberIndex* root_members = nullptr;  // JsonDocument::root_members()

  // Value of a dotted key ("a.b") at the LLM level, or nullptr if absent (or a parent is not an
  // object).
  const rapidjson::Value* get(std::string_view dotted_key) const;
  bool has(std::string_view dotted_key) const { return get(dotted_key) != nullptr; }
  // RFC 6901 pointer of a dotted key at the LLM level ("/text_config/linear_attn_config/num_heads").
  std::string pointer(std::string_view dotted_key) const;
  // Where the LLM fields are, for messages: "text_config" or "the top level".
  std::string level_name() const;
};

// True when aiconfigurator's loader raises on the file (syntax, comment, trailing comma, BOM,
// invalid UTF-8, empty, -Infinity, ...): the parser never sees it, so semantic rules stay quiet
// rather than pile guesses on top of the real error.
bool loader_rejects(const FileContext& context);

// The view of a config file whose architectures[0] is registered and whose LLM level is usable;
// nullptr otherwise (architecture-registered and required-fields report those cases). Computed on
// the first call for a file and kept in the context: call it after the JSON-level and schema
// findings are in (loader_rejects reads them), as the per-file rules are.
const ConfigView* registered_config_view(const FileContext& context);

// Python truthiness of a JSON value (null, false, 0, "", [], {} are falsy).
bool truthy(const rapidjson::Value& v);
// A JSON integer (not a bool, not 32.0), as int64.
std::optional<std::int64_t> as_integer(const rapidjson::Value* v);
// A short JSON rendering of a value for messages (long values are elided).
std::string show(const rapidjson::Value& v);

// "" for ExpertCount/TopK without a key.
const std::string& empty_key();

// The expert count as the parser computes it: a falsy chain over generic.expert_count_keys, the
// last key read with default 0 (so an explicit null there gives None).
struct ExpertCount {
  const rapidjson::Value* value = nullptr;  // the value used, null when none (0 by default)
  const std::string* key_ptr = nullptr;     // the registry's key it came from (not copied: most are never printed)
  const std::string& key() const { return key_ptr ? *key_ptr : empty_key(); }
  bool is_set() const { return value && truthy(*value); }
};
ExpertCount expert_count(const ConfigView& view);

// The top-k as the parser computes it: a None-chain over generic.topk_keys (an explicit 0 is kept),
// then, when that is falsy, the profile's extra_topk_keys.
struct TopK {
  const rapidjson::Value* value = nullptr;
  const std::string* key_ptr = nullptr;  // the registry's key it came from, null when none
  const std::string& key() const { return key_ptr ? *key_ptr : empty_key(); }
  bool is_set() const { return value && truthy(*value); }
};
TopK top_k(const ConfigView& view);

}  // namespace aic

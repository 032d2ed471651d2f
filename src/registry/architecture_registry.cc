#include "registry/architecture_registry.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <deque>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include <valijson/schema.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "core/edit_distance.h"
#include "core/embedded_schema.h"
#include "core/errors.h"
#include "core/file_diagnostics.h"
#include "core/json_document.h"
#include "core/source_file.h"

namespace aic {

namespace {

constexpr std::string_view kSchemaAsset = "schemas/registry.schema.json";

using Value = rapidjson::Value;

std::string str(const Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

std::string str_or(const Value& object, const char* key, std::string fallback = {}) {
  auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsString() ? str(it->value) : fallback;
}

bool bool_or(const Value& object, const char* key, bool fallback = false) {
  auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsBool() ? it->value.GetBool() : fallback;
}

KeyList keys_of(const Value& object, const char* key) {
  KeyList out;
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsArray()) return out;
  for (const auto& item : it->value.GetArray())
    if (item.IsString()) out.push_back(str(item));
  return out;
}

std::string to_json(const Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return buffer.GetString();
}

PerLayerField read_per_layer(const std::string& key, const Value& v) {
  PerLayerField f;
  f.key = key;
  std::string kind = str_or(v, "kind");
  f.kind = kind == "string"           ? PerLayerField::Kind::string
           : kind == "list-or-scalar" ? PerLayerField::Kind::list_or_scalar
                                      : PerLayerField::Kind::list;
  std::string type = str_or(v, "value_type");
  f.value_type = type == "string"    ? PerLayerField::ValueType::string
                 : type == "integer" ? PerLayerField::ValueType::integer
                 : type == "object"  ? PerLayerField::ValueType::object
                                     : PerLayerField::ValueType::any;
  if (auto it = v.FindMember("allowed"); it != v.MemberEnd())
    for (const auto& a : it->value.GetArray()) {
      if (a.IsString()) f.allowed.emplace_back(str(a));
      else if (a.IsInt64()) f.allowed.emplace_back(a.GetInt64());
    }
  f.mtp_extra_allowed = bool_or(v, "mtp_extra_allowed");
  f.checked_by_parser = bool_or(v, "checked_by_parser");
  f.parser_length_check = str_or(v, "parser_length_check") == "at_least"
                              ? PerLayerField::LengthCheck::at_least
                              : PerLayerField::LengthCheck::equal;
  f.values_checked_by_parser = bool_or(v, "values_checked_by_parser");
  f.note = str_or(v, "note");
  return f;
}

std::vector<PerLayerField> read_per_layer_table(const Value& object, const char* key) {
  std::vector<PerLayerField> out;
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return out;
  for (const auto& m : it->value.GetObject()) out.push_back(read_per_layer(str(m.name), m.value));
  return out;
}

std::vector<Alias> read_aliases(const Value& object, const char* key) {
  std::vector<Alias> out;
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return out;
  for (const auto& m : it->value.GetObject()) {
    Alias a;
    a.written = str(m.name);
    a.means = keys_of(m.value, "means");
    a.note = str_or(m.value, "note");
    a.profiles = keys_of(m.value, "profiles");
    a.except_profiles = keys_of(m.value, "except_profiles");
    out.push_back(std::move(a));
  }
  return out;
}

Profile read_profile(const std::string& name, const Value& v) {
  Profile p;
  p.name = name;
  p.description = str_or(v, "description");
  p.mla = bool_or(v, "mla");
  p.mla_fields = keys_of(v, "mla_fields");
  std::string experts = str_or(v, "experts");
  p.experts = experts == "required" ? Profile::Experts::required
              : experts == "none"   ? Profile::Experts::none
                                    : Profile::Experts::optional;
  p.expert_size_differs = bool_or(v, "expert_size_differs");
  p.required = keys_of(v, "required");
  p.required_note = str_or(v, "required_note");
  if (auto it = v.FindMember("required_one_of"); it != v.MemberEnd())
    for (const auto& group : it->value.GetArray()) {
      KeyList keys;
      for (const auto& k : group.GetArray()) keys.push_back(str(k));
      p.required_one_of.push_back(std::move(keys));
    }
  for (const auto& m : v["recommended"].GetObject()) {
    RecommendedKey r;
    r.key = str(m.name);
    r.default_json = to_json(m.value["default"]);
    r.why = str_or(m.value, "why");
    r.only_if_experts = bool_or(m.value, "only_if_experts");
    r.unless_present = keys_of(m.value, "unless_present");
    p.recommended.push_back(std::move(r));
  }
  p.reads = keys_of(v, "reads");
  p.per_layer = read_per_layer_table(v, "per_layer");
  p.aliases = read_aliases(v, "aliases");
  p.extra_topk_keys = keys_of(v, "extra_topk_keys");
  p.boolean_keys = keys_of(v, "boolean_keys");
  p.block_config_reads = keys_of(v, "block_config_reads");
  if (auto it = v.FindMember("vision"); it != v.MemberEnd()) {
    VisionSpec s;
    s.recommended = bool_or(it->value, "recommended");
    s.required = keys_of(it->value, "required");
    s.reads = keys_of(it->value, "reads");
    s.why = str_or(it->value, "why");
    p.vision = std::move(s);
  }
  if (auto it = v.FindMember("layer_id_sets"); it != v.MemberEnd()) {
    const Value& l = it->value;
    LayerIdSets s;
    s.parent = str_or(l, "parent");
    s.sets = keys_of(l, "sets");
    s.index_base = l["index_base"].GetInt();
    s.must_cover_all_layers = bool_or(l, "must_cover_all_layers");
    s.non_empty = keys_of(l, "non_empty");
    s.range_checked_by_parser = keys_of(l, "range_checked_by_parser");
    s.note = str_or(l, "note");
    p.layer_id_sets = std::move(s);
  }
  if (auto it = v.FindMember("notes"); it != v.MemberEnd())
    for (const auto& n : it->value.GetArray()) p.notes.push_back(str(n));
  return p;
}

GenericReads read_generic(const Value& v) {
  GenericReads g;
  g.top_level_required = keys_of(v, "top_level_required");
  g.top_level_reads = keys_of(v, "top_level_reads");
  g.required = keys_of(v, "required");
  const Value& lc = v["layer_count"];
  g.layer_count.key = str_or(lc, "key");
  g.layer_count.note = str_or(lc, "note");
  for (const auto& f : lc["fallbacks"].GetArray()) {
    LayerCountSource::Fallback fb;
    fb.key = str_or(f, "key");
    fb.kind = str_or(f, "kind") == "string" ? LayerCountSource::Fallback::Kind::string
                                            : LayerCountSource::Fallback::Kind::list;
    g.layer_count.fallbacks.push_back(std::move(fb));
  }
  g.reads = keys_of(v, "reads");
  g.nullable = keys_of(v, "nullable");
  g.head_dim_keys = keys_of(v, "head_dim_keys");
  g.topk_keys = keys_of(v, "topk_keys");
  g.expert_count_keys = keys_of(v, "expert_count_keys");
  g.moe_intermediate_size_fallback = str_or(v, "moe_intermediate_size_fallback");
  g.per_layer = read_per_layer_table(v, "per_layer");
  g.aliases = read_aliases(v, "aliases");
  return g;
}

const valijson::Schema& registry_schema() {
  // Parsed once; valijson::Schema is neither copyable nor movable.
  static const std::unique_ptr<valijson::Schema> schema = compile_embedded_schema(kSchemaAsset);
  return *schema;
}

// Collects the loading problems of one registry text, with positions.
class Problems {
 public:
  Problems(const SourceFile& source, const JsonDocument& doc) : source_(source), doc_(doc) {}
  void add(std::string_view pointer, const std::string& message) {
    std::uint32_t node = doc_.nearest(pointer);
    std::string where = source_.path();
    if (node != JsonDocument::kNone) {
      const auto& n = doc_.node(node);
      bool at_key = n.has_key() && doc_.find(pointer) == node;
      Location loc = source_.location(at_key ? n.key_begin : n.begin);
      where += ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
    }
    lines_.push_back(where + ": " + message + (pointer.empty() ? "" : " (at " + std::string(pointer) + ")"));
  }
  void throw_if_any() const {
    if (lines_.empty()) return;
    std::string text = "invalid architecture registry:";
    std::size_t shown = 0;
    for (const auto& l : lines_) {
      if (++shown > 8) {
        text += "\n  ... and " + std::to_string(lines_.size() - 8) + " more";
        break;
      }
      text += "\n  " + l;
    }
    throw UsageError(text);
  }

 private:
  const SourceFile& source_;
  const JsonDocument& doc_;
  std::vector<std::string> lines_;
};

void check_schema(const Value& root, Problems& problems) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::RapidJsonAdapter adapter(root);
  if (validator.validate(registry_schema(), adapter, &results)) return;
  // valijson reports each failure and then its enclosing ones ("failed to validate against
  // schema associated with property ..."); keep the deepest, most specific ones.
  std::vector<std::pair<std::string, std::string>> errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) errors.emplace_back(valijson_context_pointer(error.context), error.description);
  std::set<std::string> seen;
  for (auto& [pointer, description] : errors) {
    // Wrappers repeat a failure already reported deeper down.
    if (description.rfind("Failed to validate against", 0) == 0) continue;
    std::string at = pointer;
    // An unexpected property: point at its key.
    if (auto q = description.find("constraints: '"); q != std::string::npos) {
      std::size_t begin = q + 14, end = description.rfind('\'');
      if (end > begin) at += "/" + escape_pointer_token(description.substr(begin, end - begin));
      description = "unexpected property (not in schemas/registry.schema.json)";
    }
    if (!seen.insert(pointer + "\n" + description).second) continue;
    problems.add(at, description);
  }
}

}  // namespace

std::string to_string(const AllowedValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return "\"" + *s + "\"";
  return std::to_string(std::get<std::int64_t>(value));
}

bool PerLayerField::allows(const AllowedValue& value) const {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool Alias::applies_to(std::string_view profile) const {
  if (!profiles.empty() && std::find(profiles.begin(), profiles.end(), profile) == profiles.end())
    return false;
  return std::find(except_profiles.begin(), except_profiles.end(), profile) == except_profiles.end();
}

const RecommendedKey* Profile::find_recommended(std::string_view key) const {
  for (const auto& r : recommended)
    if (r.key == key) return &r;
  return nullptr;
}

bool GenericReads::is_nullable(std::string_view key) const {
  return std::find(nullable.begin(), nullable.end(), key) != nullable.end();
}

// Builds a registry from a validated DOM and checks the cross-references the schema cannot.
class RegistryBuilder {
 public:
  static ArchitectureRegistry build(const Value& root, Problems& problems) {
    ArchitectureRegistry r;
    r.version_ = root["version"].GetInt();
    r.upstream_commit_ = str(root["upstream_commit"]);
    r.text_config_key_ = str(root["text_config_key"]);
    r.generic_ = read_generic(root["generic"]);
    for (const auto& m : root["profiles"].GetObject()) {
      std::string name = str(m.name);
      r.profiles_.emplace(name, read_profile(name, m.value));
    }
    for (const auto& m : root["families"].GetObject()) {
      Family f{str(m.name), str(m.value["default_profile"])};
      if (!r.find_profile(f.default_profile))
        problems.add("/families/" + escape_pointer_token(f.name) + "/default_profile",
                     "unknown profile '" + f.default_profile + "'");
      r.families_.emplace(f.name, std::move(f));
    }
    for (const auto& m : root["architectures"].GetObject()) {
      Architecture a;
      a.name = str(m.name);
      a.family = str(m.value["family"]);
      a.profile = str(m.value["profile"]);
      a.text_config = m.value["text_config"].GetBool();
      a.model_types = keys_of(m.value, "model_types");
      a.text_model_types = keys_of(m.value, "text_model_types");
      a.note = str_or(m.value, "note");
      std::string at = "/architectures/" + escape_pointer_token(a.name);
      if (!r.find_profile(a.profile))
        problems.add(at + "/profile", "unknown profile '" + a.profile + "'");
      if (!r.find_family(a.family))
        problems.add(at + "/family", "family '" + a.family + "' is not listed under 'families'");
      r.architectures_.emplace(a.name, std::move(a));
    }
    auto check_alias_profiles = [&](const std::vector<Alias>& aliases, const std::string& at) {
      for (const auto& a : aliases)
        for (const auto* list : {&a.profiles, &a.except_profiles})
          for (const auto& p : *list)
            if (!r.find_profile(p))
              problems.add(at + "/" + escape_pointer_token(a.written),
                           "alias names unknown profile '" + p + "'");
    };
    check_alias_profiles(r.generic_.aliases, "/generic/aliases");
    for (const auto& [name, p] : r.profiles_)
      check_alias_profiles(p.aliases, "/profiles/" + escape_pointer_token(name) + "/aliases");
    return r;
  }
};

ArchitectureRegistry ArchitectureRegistry::parse(std::string_view text, const std::string& display_name,
                                                 SchemaCheck schema_check) {
  SourceFile source(display_name, std::string(text));
  FileDiagnostics diagnostics(source);
  JsonDocument doc = JsonDocument::parse(source, diagnostics);
  // Any JSON-level finding (syntax, duplicate key, comment, NaN...) makes the file unusable.
  for (const Diagnostic& d : diagnostics.diagnostics()) {
    if (d.severity == Severity::info) continue;
    std::string where = display_name;
    if (d.begin.known()) where += ":" + std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column);
    // Drop the config-oriented tail ("...: aiconfigurator's loader keeps ...").
    std::string message = d.message.substr(0, d.message.find(": aiconfigurator"));
    throw UsageError("invalid architecture registry:\n  " + where + ": " + message);
  }
  if (!doc.has_root())
    throw UsageError("invalid architecture registry: " + display_name + ": no JSON document");
  Problems problems(source, doc);
  if (schema_check == SchemaCheck::validate) check_schema(doc.root(), problems);
  problems.throw_if_any();
  ArchitectureRegistry registry = RegistryBuilder::build(doc.root(), problems);
  problems.throw_if_any();
  return registry;
}

ArchitectureRegistry ArchitectureRegistry::load_embedded() {
  // Parsing the 41 KB of JSON and building the structs from it at every start cost about two
  // thirds of the parse floor's whole run on one small config; the generated code only fills
  // them. It is generated from the file loaded and validated by parse() (tools/registry_codegen.cc),
  // and RegistryLoader.EmbeddedFastLoadEqualsFullParse checks it against a parse of the embedded
  // text.
  ArchitectureRegistry registry;
  fill_embedded(registry);
  return registry;
}

ArchitectureRegistry ArchitectureRegistry::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("--registry: cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw UsageError("--registry: cannot read '" + path + "'");
  return parse(text.str(), path);
}

const Architecture* ArchitectureRegistry::find_architecture(std::string_view name) const {
  auto it = architectures_.find(name);
  return it == architectures_.end() ? nullptr : &it->second;
}

const Profile* ArchitectureRegistry::find_profile(std::string_view name) const {
  auto it = profiles_.find(name);
  return it == profiles_.end() ? nullptr : &it->second;
}

const Family* ArchitectureRegistry::find_family(std::string_view name) const {
  auto it = families_.find(name);
  return it == families_.end() ? nullptr : &it->second;
}

const Profile& ArchitectureRegistry::profile_of(const Architecture& architecture) const {
  return profiles_.find(architecture.profile)->second;
}


std::vector<std::string> ArchitectureRegistry::closest_architectures(std::string_view name,
                                                                     std::size_t max) const {
  // Up to a third of the name may differ: catches case slips (DeepseekForCausalLM), a dropped
  // version digit or suffix, without suggesting unrelated classes.
  std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& [candidate, _] : architectures_) {
    std::size_t d = edit_distance_icase(name, candidate);
    if (d <= limit) scored.emplace_back(d, candidate);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& s : scored) {
    // The best suggestions only: a name that differs in case alone (distance 0) is the answer,
    // and 'LLamaForCausalLM' should not also suggest 'MiMoForCausalLM'.
    if (out.size() == max || s.first > scored.front().first) break;
    out.push_back(s.second);
  }
  return out;
}

namespace {

// A sorted set of keys built from views into the registry: one sort instead of a std::set node
// (and a string copy) per key. The few keys that are composed ("parent.set") are kept in `built`.
class KeyCollector {
 public:
  void add(std::string_view key) { keys_.push_back(key); }
  void add(const KeyList& list) { keys_.insert(keys_.end(), list.begin(), list.end()); }
  void add_built(std::string key) { keys_.push_back(built_.emplace_back(std::move(key))); }
  // Sorted (std::string order), unique.
  const std::vector<std::string_view>& sorted() {
    std::sort(keys_.begin(), keys_.end());
    keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
    return keys_;
  }

 private:
  std::vector<std::string_view> keys_;
  std::deque<std::string> built_;  // stable addresses
};

// The keys a profile itself reads (not counting generic reads).
void add_own_keys(const Profile& profile, KeyCollector& keys) {
  keys.add(profile.required);
  keys.add(profile.reads);
  keys.add(profile.mla_fields);
  keys.add(profile.extra_topk_keys);
  keys.add(profile.boolean_keys);
  for (const auto& group : profile.required_one_of) keys.add(group);
  for (const auto& r : profile.recommended) {
    keys.add(r.key);
    keys.add(r.unless_present);
  }
  for (const auto& f : profile.per_layer) keys.add(f.key);
  if (profile.layer_id_sets) {
    keys.add(profile.layer_id_sets->parent);
    for (const auto& s : profile.layer_id_sets->sets) keys.add_built(profile.layer_id_sets->parent + "." + s);
  }
}

// The keys every profile reads (generic reads).
void add_generic_keys(const GenericReads& generic, KeyCollector& keys) {
  keys.add(generic.required);
  keys.add(generic.reads);
  keys.add(generic.head_dim_keys);
  keys.add(generic.topk_keys);
  keys.add(generic.expert_count_keys);
  keys.add(generic.layer_count.key);
  for (const auto& f : generic.layer_count.fallbacks) keys.add(f.key);
  if (!generic.moe_intermediate_size_fallback.empty()) keys.add(generic.moe_intermediate_size_fallback);
  for (const auto& f : generic.per_layer) keys.add(f.key);
}

std::atomic<std::uint64_t> next_serial{1};

}  // namespace

std::vector<PerLayerField> ArchitectureRegistry::per_layer(const Profile& profile) const {
  std::vector<PerLayerField> out = generic_.per_layer;
  for (const auto& f : profile.per_layer) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& g) { return g.key == f.key; });
    if (it != out.end()) *it = f;
    else out.push_back(f);
  }
  return out;
}

std::vector<Alias> ArchitectureRegistry::aliases(const Profile& profile) const {
  std::vector<Alias> merged = generic_.aliases;
  for (const auto& a : profile.aliases) {
    auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& g) { return g.written == a.written; });
    if (it != merged.end()) *it = a;
    else merged.push_back(a);
  }
  // "The profile does not itself read the written key": its own reads, not generic ones (the SDK
  // reads both sliding_window spellings generically, yet Gemma-4's parser branch reads only one).
  KeyCollector collector;
  add_own_keys(profile, collector);
  const std::vector<std::string_view>& own = collector.sorted();
  std::vector<Alias> out;
  for (auto& a : merged)
    if (a.applies_to(profile.name) && !std::binary_search(own.begin(), own.end(), std::string_view(a.written)))
      out.push_back(std::move(a));
  return out;
}

ArchitectureRegistry::Caches::Caches() : serial(next_serial++) {}

ArchitectureRegistry::Caches& ArchitectureRegistry::Caches::operator=(const Caches&) {
  std::lock_guard lock(mutex);
  serial = next_serial++;
  vocabulary.clear();
  keys_read_anywhere.reset();
  return *this;
}

const std::vector<std::string>& ArchitectureRegistry::vocabulary(const Profile& profile) const {
  if (find_profile(profile.name) != &profile) {
    // A profile that is not one of ours (built elsewhere): compute it, once per thread.
    thread_local std::vector<std::string> computed;
    computed = compute_vocabulary(profile);
    return computed;
  }
  std::lock_guard lock(caches_.mutex);
  auto it = caches_.vocabulary.find(profile.name);
  if (it == caches_.vocabulary.end())
    it = caches_.vocabulary.emplace(profile.name, compute_vocabulary(profile)).first;
  return it->second;  // a std::map node: stays where it is when other profiles are added
}

const std::set<std::string>& ArchitectureRegistry::keys_read_by_any_profile() const {
  std::lock_guard lock(caches_.mutex);
  if (!caches_.keys_read_anywhere) {
    // The union of every profile's vocabulary: each profile's own keys plus the generic ones.
    std::set<std::string> keys;
    if (!profiles_.empty()) {
      KeyCollector collector;
      add_generic_keys(generic_, collector);
      for (const auto& [name, profile] : profiles_) add_own_keys(profile, collector);
      for (std::string_view key : collector.sorted())
        if (key.find('.') == std::string_view::npos) keys.emplace_hint(keys.end(), key);
    }
    caches_.keys_read_anywhere = std::move(keys);
  }
  return *caches_.keys_read_anywhere;
}

std::vector<std::string> ArchitectureRegistry::compute_vocabulary(const Profile& profile) const {
  KeyCollector collector;
  add_own_keys(profile, collector);
  add_generic_keys(generic_, collector);
  const std::vector<std::string_view>& keys = collector.sorted();
  return {keys.begin(), keys.end()};
}

bool ArchitectureRegistry::reads(const Profile& profile, std::string_view key) const {
  const auto& v = vocabulary(profile);
  return std::binary_search(v.begin(), v.end(), key);
}

LlmLevel ArchitectureRegistry::llm_level(const rapidjson::Value& root, const Architecture* architecture) const {
  LlmLevel level;
  level.object = root.IsObject() ? &root : nullptr;
  if (!root.IsObject()) return level;
  // An architecture that does not read text_config reads the top level whatever it holds: no
  // need to scan the members for the key (most configs).
  if (architecture && !architecture->text_config) return level;
  auto it = root.FindMember(text_config_key_.c_str());
  if (it == root.MemberEnd()) return level;
  bool nested = architecture ? architecture->text_config : it->value.IsObject();
  if (!nested) return level;
  level.nested = true;
  level.pointer = "/" + escape_pointer_token(text_config_key_);
  if (!it->value.IsObject()) {
    level.object = nullptr;
    level.text_config_not_object = true;
    return level;
  }
  level.object = &it->value;
  return level;
}

}  // namespace aic

#include "assist/phase1_advice.h"

#include <algorithm>
#include <set>

#include "registry/registry_source.h"
#include "rules/key_similarity.h"

namespace aic {

namespace {

std::string str(const rapidjson::Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

// A dotted key's value in `object`, or null.
const rapidjson::Value* get(const rapidjson::Value* object, std::string_view dotted) {
  while (object && object->IsObject()) {
    std::size_t dot = dotted.find('.');
    std::string_view head = dotted.substr(0, dot);
    auto it = object->FindMember(rapidjson::Value(rapidjson::StringRef(head.data(), head.size())));
    if (it == object->MemberEnd()) return nullptr;
    if (dot == std::string_view::npos) return &it->value;
    object = &it->value;
    dotted = dotted.substr(dot + 1);
  }
  return nullptr;
}

bool present(const rapidjson::Value* object, std::string_view key) {
  const rapidjson::Value* v = get(object, key);
  return v && !v->IsNull();
}

bool truthy(const rapidjson::Value* v) {
  if (!v || v->IsNull() || v->IsFalse()) return false;
  if (v->IsNumber()) return v->GetDouble() != 0;
  if (v->IsString()) return v->GetStringLength() > 0;
  if (v->IsArray()) return !v->Empty();
  if (v->IsObject()) return v->MemberCount() > 0;
  return true;
}

std::vector<MissingField> missing_required(const rapidjson::Value& root, const LlmLevel& llm,
                                           const Profile& profile, const ArchitectureRegistry& registry) {
  std::vector<MissingField> out;
  const GenericReads& g = registry.generic();
  for (const auto& key : g.top_level_required)
    if (!present(&root, key)) out.push_back({key, "KeyError: config[\"" + key + "\"] is read first"});
  if (!llm.object) {
    out.push_back({registry.text_config_key(), "ValueError: text_config is not an object"});
    return out;
  }
  const rapidjson::Value* level = llm.object;
  std::string where = llm.nested ? " (in " + registry.text_config_key() + ")" : "";
  if (!present(level, g.layer_count.key)) {
    bool fallback = false;
    for (const auto& f : g.layer_count.fallbacks) {
      const rapidjson::Value* v = get(level, f.key);
      fallback = fallback || (v && (f.kind == LayerCountSource::Fallback::Kind::list ? v->IsArray() : v->IsString()));
    }
    if (!fallback)
      out.push_back({g.layer_count.key + where, "ValueError: no layer count (nor a layer pattern to count)"});
  }
  for (const auto* list : {&g.required, &profile.required})
    for (const auto& key : *list)
      if (!present(level, key)) out.push_back({key + where, "KeyError at parse time"});
  for (const auto& group : profile.required_one_of) {
    bool any = std::any_of(group.begin(), group.end(), [&](const auto& k) { return present(level, k); });
    if (any || group.empty()) continue;
    std::string keys;
    for (const auto& k : group) keys += (keys.empty() ? "" : " or ") + k;
    out.push_back({keys + where, "KeyError at parse time (one of them is read with [])"});
  }
  return out;
}

std::vector<MissingField> missing_recommended(const LlmLevel& llm, const Profile& profile,
                                              const ArchitectureRegistry& registry) {
  std::vector<MissingField> out;
  if (!llm.object) return out;
  bool experts = false;
  for (const auto& k : registry.generic().expert_count_keys) experts = experts || truthy(get(llm.object, k));
  for (const auto& r : profile.recommended) {
    if (present(llm.object, r.key)) continue;
    if (r.only_if_experts && !experts) continue;
    if (std::any_of(r.unless_present.begin(), r.unless_present.end(),
                    [&](const auto& k) { return present(llm.object, k); }))
      continue;
    out.push_back({r.key, "the parser uses " + r.default_json + (r.why.empty() ? "" : ": " + r.why)});
  }
  return out;
}

// How well a config's LLM-level keys fit a profile: the keys it reads that the GENERIC profile
// does not (what sets the family apart), minus a heavy penalty per missing required key.
long fit(const rapidjson::Value& root, const LlmLevel& llm, const ConfigFields& fields, const Profile& p,
         const ArchitectureRegistry& registry) {
  const Profile* generic = registry.find_profile("GENERIC");
  long score = 0;
  for (const auto& key : fields.llm_keys)
    if (registry.reads(p, key) && !(generic && registry.reads(*generic, key))) ++score;
  score -= 10 * static_cast<long>(missing_required(root, llm, p, registry).size());
  return score;
}

FamilyGuess guess_family(const rapidjson::Value& root, const std::string& architecture,
                         const ArchitectureRegistry& registry) {
  FamilyGuess g;
  std::string model_type;
  if (auto it = root.FindMember("model_type"); it != root.MemberEnd() && it->value.IsString())
    model_type = str(it->value);
  const Architecture* chosen = nullptr;
  if (!model_type.empty())
    for (const auto& [name, a] : registry.architectures())
      if (std::find(a.model_types.begin(), a.model_types.end(), model_type) != a.model_types.end()) {
        g.by_model_type = name;
        if (!chosen) chosen = &a;
      }
  auto closest = registry.closest_architectures(architecture, 1);
  if (!closest.empty()) {
    g.by_name = closest.front();
    if (!chosen) chosen = registry.find_architecture(g.by_name);
  }
  // By keys: the profile that reads most of the config's family-specific keys, and its family
  // (the family whose default it is, else the family of an architecture using it).
  LlmLevel llm = registry.llm_level(root, nullptr);
  long best = 0;
  const Profile* best_profile = nullptr;
  for (const auto& [name, p] : registry.profiles()) {
    ConfigFields fields = config_fields("", root, registry, &p);
    long score = fit(root, llm, fields, p, registry);
    if (!best_profile || score > best) {
      best = score;
      best_profile = &p;
    }
  }
  const Family* best_family = nullptr;
  if (best_profile) {
    for (const auto& [name, family] : registry.families())
      if (family.default_profile == best_profile->name && !best_family) best_family = &family;
    for (const auto& [name, a] : registry.architectures())
      if (!best_family && a.profile == best_profile->name) best_family = registry.find_family(a.family);
  }
  if (best_family) g.by_keys = best_family->name + " (profile " + best_profile->name + ")";
  if (chosen) {
    g.family = chosen->family;
    g.profile = chosen->profile;
  } else if (best_family) {
    g.family = best_family->name;
    g.profile = best_profile->name;
  } else {
    g.family = "<FAMILY>";
    g.profile = "GENERIC";
  }
  Architecture entry;
  entry.name = architecture;
  entry.family = g.family;
  entry.profile = g.profile;
  auto tc = root.FindMember(registry.text_config_key().c_str());
  entry.text_config = tc != root.MemberEnd() && tc->value.IsObject();
  entry.model_types = {model_type.empty() ? "<model_type>" : model_type};
  if (entry.text_config)
    if (auto t = tc->value.FindMember("model_type"); t != tc->value.MemberEnd() && t->value.IsString())
      entry.text_model_types = {str(t->value)};
  g.entry_json = registry_entry_json(entry);
  return g;
}

}  // namespace

Phase1Advice phase1_advice(const rapidjson::Value& root, const std::vector<ConfigFields>& others,
                           const ArchitectureRegistry& registry) {
  Phase1Advice a;
  if (!root.IsObject()) return a;
  ConfigFields fields = config_fields("", root, registry);
  a.architecture = fields.architecture;
  a.registered = registry.find_architecture(a.architecture);
  if (a.registered) {
    a.profile = &registry.profile_of(*a.registered);
  } else {
    if (!a.architecture.empty()) a.guess = guess_family(root, a.architecture, registry);
    a.profile = registry.find_profile(a.guess ? a.guess->profile : "GENERIC");
    if (!a.profile) a.profile = registry.find_profile("GENERIC");
    if (a.profile) fields = config_fields("", root, registry, a.profile);
  }
  if (!a.profile) return a;  // a registry without GENERIC and no guess: nothing to compare with

  // A nested architecture only registered by the guess is read from text_config, as it will be.
  LlmLevel llm = registry.llm_level(root, a.registered);

  // Step 3: fields no other config has.
  a.compared_with = others.size();
  // Misspellings are judged against the keys the parser reads for this profile, as AIC307 does.
  const auto& vocabulary = registry.vocabulary(*a.profile);
  std::set<std::string> per_layer;
  for (const auto& f : registry.per_layer(*a.profile)) per_layer.insert(f.key);
  std::vector<Alias> aliases = registry.aliases(*a.profile);
  std::set<std::string> mine = fields.all_keys();
  for (const auto& key : new_keys(fields, others)) {
    NewField f;
    f.key = key;
    f.read = fields.read_keys.count(key) > 0;
    f.per_layer = per_layer.count(key) > 0;
    if (!f.read) {
      for (const auto& alias : aliases)
        if (alias.written == key) {
          std::string means;
          for (const auto& m : alias.means) means += (means.empty() ? "" : " / ") + m;
          f.alias_note = "a known wrong name for " + means + (alias.note.empty() ? "" : ": " + alias.note);
        }
      // A key some profile reads is a real field (of another family), never a typo: as AIC307.
      if (f.alias_note.empty() && !registry.keys_read_by_any_profile().count(key))
        for (const auto& candidate : vocabulary)
          if (!mine.count(candidate) && looks_like_typo_of(key, candidate)) {
            f.typo_of = candidate;
            break;
          }
    }
    a.new_fields.push_back(std::move(f));
  }

  // Step 4: the fields the parser needs.
  a.missing_required = missing_required(root, llm, *a.profile, registry);
  a.missing_recommended = missing_recommended(llm, *a.profile, registry);
  return a;
}

}  // namespace aic

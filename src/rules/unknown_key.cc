#include "rules/unknown_key.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "rules/config_view.h"
#include "rules/key_similarity.h"

namespace aic {

namespace {

const RuleInfo kInfo{"AIC307", "unknown-key", Severity::warning,
    "A key aiconfigurator does not read looks like a misspelling or a known wrong name of one it does.",
    R"(What it checks: every key of the object aiconfigurator reads the LLM fields from
(text_config for nested architectures, else the top level), of the top level, of the nested
objects the parser reads into (Kimi-K3 linear_attn_config, Step attention_other_setting, the
quantization_config) and, for Qwen3-VL, of vision_config. A key the parser does not read is
reported when
  * it is a known wrong spelling from rules/architectures.json ("aliases": moe_inter_size,
    num_kv_heads, n_kv_heads, swa_num_kv_heads, num_mtp_modules, use_mtp, linear_num_kv_heads,
    shared_intermediate_size, num_experts_per_token outside Kimi-K3,
    quantization_config.quant_type, ...) and the key it stands for is absent; or
  * it is within a small Damerau-Levenshtein distance of a key the parser reads for this
    architecture at that level (equal but for case; 1 edit for keys under 12 characters, 2 for
    longer ones; nothing below 5 characters but case), and that key is absent.
A key that some registered architecture reads is never taken for a typo (it is a real field of
another family), and neither is a key written beside the key it resembles (n_group beside
n_groups, sliding_window beside sliding_window_size: both are real). Unrelated unknown keys are
fine: HuggingFace configs carry many.

Why: the parser reads keys with get(key, default). A misspelled key is silently ignored and the
default (0, the dense size, ...) sizes the model instead.

Example: a Qwen3-30B-A3B config with "moe_inter_size": 768
  warning: 'moe_inter_size' is not read by aiconfigurator; did you mean
  'moe_intermediate_size'? (the parser will use intermediate_size = 6144 for the expert size)

Fix: rename the key to the one the parser reads (keep the value).)"};

std::string_view str(const rapidjson::Value& v) { return {v.GetString(), v.GetStringLength()}; }

bool has_member(const rapidjson::Value& object, std::string_view key) {
  return object.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size()))) !=
         object.MemberEnd();
}

std::string last_part(const std::string& dotted) {
  auto dot = dotted.rfind('.');
  return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
}

std::string quoted_list(const std::vector<std::string>& keys, const char* conjunction = " or ") {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i)
    out += (i == 0 ? "" : i + 1 == keys.size() ? conjunction : ", ") + ("'" + keys[i] + "'");
  return out;
}

// One object whose keys are checked, with the keys the consumer reads there.
struct Level {
  const rapidjson::Value* object = nullptr;
  std::string pointer;
  const std::set<std::string>* reads = nullptr;
  bool llm = false;     // the LLM level: the consequence of a typo can be computed
  bool global = false;  // a key any architecture reads here is a real field, never a typo
  const std::set<std::string>* required = nullptr;  // keys read with [] here (nested levels)
  bool explain = false;                             // a nested level whose reads the message can explain
};

// What the consumer reads at each level for one profile. It depends on the registry and the
// profile only, so it is built once per thread and profile, not for every file.
struct ReadPlan {
  std::set<std::string> llm;  // the LLM level
  std::set<std::string> top;  // the top level of a nested config
  struct Nested {
    std::set<std::string> reads, required;
  };
  std::map<std::string, Nested> nested;  // parent key -> keys read inside it
  Nested vision;
};

const ReadPlan& read_plan(const ArchitectureRegistry& registry, const Profile& profile) {
  thread_local std::map<std::pair<std::uint64_t, std::string>, ReadPlan> plans;
  auto key = std::make_pair(registry.serial(), profile.name);
  if (auto it = plans.find(key); it != plans.end()) return it->second;
  ReadPlan plan;
  const GenericReads& generic = registry.generic();
  for (const auto& k : registry.vocabulary(profile)) {
    auto dot = k.find('.');
    if (dot == std::string::npos) plan.llm.insert(k);
    else plan.nested[k.substr(0, dot)].reads.insert(k.substr(dot + 1));
  }
  plan.llm.insert(generic.top_level_reads.begin(), generic.top_level_reads.end());
  plan.top.insert(generic.top_level_reads.begin(), generic.top_level_reads.end());
  plan.top.insert(registry.text_config_key());
  for (auto& [parent, nested] : plan.nested)
    for (const auto& k : nested.reads)
      if (std::find(profile.required.begin(), profile.required.end(), parent + "." + k) != profile.required.end())
        nested.required.insert(k);
  if (profile.vision) {
    plan.vision.reads.insert(profile.vision->required.begin(), profile.vision->required.end());
    plan.vision.reads.insert(profile.vision->reads.begin(), profile.vision->reads.end());
    plan.vision.required.insert(profile.vision->required.begin(), profile.vision->required.end());
  }
  return plans.emplace(key, std::move(plan)).first->second;
}

class UnknownKey final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const FileContext& c) const override {
    auto view = registered_config_view(c);
    if (!view) return;
    const ArchitectureRegistry& registry = *view->registry;
    const GenericReads& generic = registry.generic();
    const std::vector<std::string>& vocabulary = registry.vocabulary(*view->profile);

    const ReadPlan& plan = read_plan(registry, *view->profile);
    std::vector<Level> levels;
    levels.push_back({view->llm.object, view->llm.pointer, &plan.llm, true, true, nullptr, false});
    if (view->llm.nested) levels.push_back({view->root, "", &plan.top, false, true, nullptr, false});
    for (const auto& [parent, nested] : plan.nested) {
      const rapidjson::Value* p = view->get(parent);
      if (!p || !p->IsObject()) continue;
      levels.push_back({p, view->pointer(parent), &nested.reads, false, false, &nested.required, true});
    }
    if (view->profile->vision) {
      auto it = view->root->FindMember("vision_config");
      if (it != view->root->MemberEnd() && it->value.IsObject())
        levels.push_back({&it->value, "/vision_config", &plan.vision.reads, false, false,
                          &plan.vision.required, true});
    }

    // Keys some registered architecture reads at the LLM or top level: real field names.
    const std::set<std::string>& read_by_some_profile = registry.keys_read_by_any_profile();
    auto known_anywhere = [&](const std::string& key) {
      return read_by_some_profile.count(key) || key == registry.text_config_key() ||
             std::find(generic.top_level_reads.begin(), generic.top_level_reads.end(), key) !=
                 generic.top_level_reads.end();
    };

    const std::vector<Alias> aliases = registry.aliases(*view->profile);
    std::set<std::string> reported;  // pointers already reported (aliases first)
    check_aliases(c, *view, aliases, reported);

    for (const Level& level : levels) {
      for (auto m = level.object->MemberBegin(); m != level.object->MemberEnd(); ++m) {
        std::string key(str(m->name));
        if (level.reads->count(key)) continue;
        std::string pointer = level.pointer + "/" + escape_pointer_token(key);
        if (reported.count(pointer)) continue;
        if (level.global && known_anywhere(key)) continue;
        if (is_alias_written_here(aliases, level, *view, key)) continue;
        std::vector<std::string> candidates = closest(key, level, view->profile->name);
        if (candidates.empty()) continue;
        std::string message = "'" + key + "' is not read by aiconfigurator; did you mean " +
                              quoted_list(candidates) + "?";
        if (level.llm && candidates.size() == 1) {
          message += " (" + consequence(*view, candidates[0]) + ")";
        } else if (level.explain && candidates.size() == 1) {
          message += level.required && level.required->count(candidates[0])
                         ? " (the parser needs '" + candidates[0] + "' here and raises KeyError without it)"
                         : " (the parser uses its default for '" + candidates[0] + "' instead)";
        }
        auto& d = c.report_key(kInfo, pointer, std::move(message));
        FileDiagnostics::help(d, "rename '" + key + "' to " + quoted_list(candidates) + " (keep the value)");
        reported.insert(pointer);
      }
    }
  }

 private:
  // Read keys within typo distance of `key` that the object does not also hold, best first.
  static std::vector<std::string> closest(const std::string& key, const Level& level,
                                          const std::string& profile) {
    std::size_t best = SIZE_MAX;
    std::vector<std::string> out;
    for (const auto& [known, d] : typo_candidates(key, level, profile)) {
      if (has_member(*level.object, known)) continue;
      if (d < best) {
        best = d;
        out.clear();
      }
      if (d == best && out.size() < 3) out.push_back(known);
    }
    return out;
  }

  // Every read key within typo distance of `key` at this level, with its distance. The same keys
  // recur in nearly every config of a repository, so the answers are memoized per thread (by
  // profile, level and key; the level's read set is a function of the first two). Bounded: a
  // hostile repository of random keys cannot grow it without limit.
  using Candidates = std::vector<std::pair<std::string, std::size_t>>;
  static const Candidates& typo_candidates(const std::string& key, const Level& level,
                                           const std::string& profile) {
    thread_local std::unordered_map<std::string, Candidates> memo;
    std::string memo_key = profile + '\0' + level.pointer + '\0' + key;
    if (auto it = memo.find(memo_key); it != memo.end()) return it->second;
    if (memo.size() > 50000) memo.clear();
    Candidates found;
    for (const auto& known : *level.reads)
      if (looks_like_typo_of(key, known)) found.emplace_back(known, edit_distance_icase(key, known));
    return memo.emplace(std::move(memo_key), std::move(found)).first->second;
  }

  // Aliases are checked on their own; a written alias key suppressed because its meaning is also
  // present must not come back as a typo.
  static bool is_alias_written_here(const std::vector<Alias>& aliases, const Level& level,
                                    const ConfigView& view, const std::string& key) {
    for (const auto& a : aliases) {
      if (last_part(a.written) != key) continue;
      auto dot = a.written.find('.');
      if (dot == std::string::npos) {
        if (level.llm) return true;
        continue;
      }
      std::string parent = a.written.substr(0, dot);
      if (level.pointer == view.pointer(parent) || level.pointer == "/" + escape_pointer_token(parent))
        return true;
    }
    return false;
  }

  // Registry notes are sentences ("Not read: the parser reads ..."); inside our message the
  // "not read" part is already said.
  static std::string note_text(const Alias& a) {
    std::string note = a.note;
    const std::string prefix = "Not read: ";
    if (note.rfind(prefix, 0) == 0) note = note.substr(prefix.size());
    if (!note.empty() && note.back() == '.') note.pop_back();
    return note;
  }

  static void check_aliases(const FileContext& c, const ConfigView& view, const std::vector<Alias>& aliases,
                            std::set<std::string>& reported) {
    for (const Alias& a : aliases) {
      auto dot = a.written.find('.');
      // Where the written key may be: the LLM level, or inside an object of it. A dotted key under
      // quantization_config may also be at the top level of a nested config (the parser promotes
      // text_config's quantization_config, and reads the top-level one first).
      std::vector<std::pair<const rapidjson::Value*, std::string>> places;
      if (dot == std::string::npos) {
        places.emplace_back(view.llm.object, view.llm.pointer);
      } else {
        std::string parent = a.written.substr(0, dot);
        if (const auto* p = view.get(parent); p && p->IsObject()) places.emplace_back(p, view.pointer(parent));
        if (view.llm.nested) {
          auto it = view.root->FindMember(rapidjson::StringRef(parent.data(), parent.size()));
          if (it != view.root->MemberEnd() && it->value.IsObject())
            places.emplace_back(&it->value, "/" + escape_pointer_token(parent));
        }
      }
      const std::string written = last_part(a.written);
      for (const auto& [object, pointer] : places) {
        if (!has_member(*object, written)) continue;
        bool meaning_present = false;
        for (const auto& m : a.means) meaning_present = meaning_present || has_member(*object, last_part(m));
        if (meaning_present) continue;
        std::vector<std::string> means;
        for (const auto& m : a.means) means.push_back(last_part(m));
        std::string why = dot == std::string::npos && means.size() == 1 ? consequence(view, means[0], &a) : note_text(a);
        std::string key_pointer = pointer + "/" + escape_pointer_token(written);
        auto& d = c.report_key(kInfo, key_pointer,
                               "'" + written + "' is not read by aiconfigurator; did you mean " +
                                   quoted_list(means) + "? (" + why + ")");
        FileDiagnostics::help(d, "rename '" + written + "' to " + quoted_list(means, " and/or ") +
                                     " (keep the value)");
        reported.insert(key_pointer);
      }
    }
  }

  // What the parser does without `meant` (at the LLM level), for the message.
  static std::string consequence(const ConfigView& view, const std::string& meant, const Alias* alias = nullptr) {
    const GenericReads& generic = view.registry->generic();
    const Profile& profile = *view.profile;
    if (view.has(meant)) return alias ? note_text(*alias) : "the parser reads '" + meant + "'";
    if (const RecommendedKey* r = profile.find_recommended(meant))
      return "the parser will use the default " + r->default_json + " for '" + meant + "'";
    if (meant == "moe_intermediate_size" && !generic.moe_intermediate_size_fallback.empty()) {
      const std::string& fallback = generic.moe_intermediate_size_fallback;
      const rapidjson::Value* v = view.get(fallback);
      std::string value = v && !v->IsNull() ? show(*v) : "0";
      return "the parser will use " + fallback + " = " + value + " for the expert size";
    }
    auto in = [&](const KeyList& list) { return std::find(list.begin(), list.end(), meant) != list.end(); };
    if (in(generic.required) || in(profile.required))
      return "the parser needs '" + meant + "' and raises KeyError without it";
    if (meant == generic.layer_count.key)
      return "without it the parser counts a layer pattern or raises ValueError";
    if (alias) return note_text(*alias);
    return "the parser uses its default for '" + meant + "' instead";
  }
};

}  // namespace

const Rule& unknown_key_rule() {
  static const UnknownKey rule;
  return rule;
}

}  // namespace aic

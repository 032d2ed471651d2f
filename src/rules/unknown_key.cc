#include "rules/unknown_key.h"

#include <algorithm>
#include <set>

#include "rules/config_view.h"
#include "rules/unknown_key_plan.h"

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

std::string quoted_list(const std::vector<std::string>& keys, const char* conjunction = " or ") {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i)
    out += (i == 0 ? "" : i + 1 == keys.size() ? conjunction : ", ") + ("'" + keys[i] + "'");
  return out;
}

using unknown_key::KeySet;
using unknown_key::Plan;
using unknown_key::PreparedAlias;

// One object whose keys are checked, with the keys the consumer reads there.
struct Level {
  const rapidjson::Value* object = nullptr;
  // Where the object is: `pointer`, or for a nested level ConfigView::pointer(nested_key); made
  // into a string only when a key is reported (a clean file allocates nothing here).
  std::string_view pointer;
  std::string_view nested_key;
  const KeySet* reads = nullptr;
  const StringTable* clean = nullptr;  // keys that pass at once: reads, and for global levels known_anywhere
  bool llm = false;     // the LLM level: the consequence of a typo can be computed
  bool global = false;  // a key any architecture reads here is a real field, never a typo
  const KeySet* required = nullptr;  // keys read with [] here (nested levels)
  bool explain = false;              // a nested level whose reads the message can explain

  std::string pointer_in(const ConfigView& view) const {
    return nested_key.empty() ? std::string(pointer) : view.pointer(nested_key);
  }
};

class UnknownKey final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const FileContext& c) const override {
    const ConfigView* view = registered_config_view(c);
    if (!view) return;
    const Plan& plan = unknown_key::plan_for(*view->registry, *view->profile);

    // Aliases first: a key they report is not reported again as a typo.
    std::set<std::string> reported;  // pointers already reported
    check_aliases(c, *view, plan, reported);

    Level llm{view->llm.object, view->llm.pointer, {}, &plan.llm, plan.llm_clean, true, true};
    check_level(c, *view, plan, llm, reported);
    if (view->llm.nested) {
      Level top{view->root, "", {}, &plan.top, plan.top_clean, false, true};
      check_level(c, *view, plan, top, reported);
    }
    for (const auto& [parent, nested] : plan.nested) {
      const rapidjson::Value* p = view->get(parent);
      if (!p || !p->IsObject()) continue;
      Level inside{p, {}, parent, &nested.reads, &nested.reads.table(), false, false, &nested.required, true};
      check_level(c, *view, plan, inside, reported);
    }
    if (view->profile->vision) {
      const rapidjson::Value* vision = view->top("vision_config");
      if (vision && vision->IsObject()) {
        Level level{vision, "/vision_config", {}, &plan.vision.reads, &plan.vision.reads.table(), false, false,
                    &plan.vision.required, true};
        check_level(c, *view, plan, level, reported);
      }
    }
  }

 private:
  static void check_level(const FileContext& c, const ConfigView& view, const Plan& plan,
                          const Level& level, std::set<std::string>& reported) {
    for (auto m = level.object->MemberBegin(); m != level.object->MemberEnd(); ++m) {
      // One memo probe per key: clean, an alias's spelling, or typo candidates.
      std::string_view key = str(m->name);
      const KeySet::Verdict& verdict = level.reads->verdict(key, *level.clean, plan.alias_names);
      if (verdict.clean) continue;
      if (verdict.alias_name && is_alias_written_here(plan, level, view, key)) continue;
      std::vector<std::string> candidates = closest(verdict.candidates, level);
      if (candidates.empty()) continue;
      std::string pointer = level.pointer_in(view) + "/" + escape_pointer_token(key);
      if (reported.count(pointer)) continue;
      std::string message = "'" + std::string(key) + "' is not read by aiconfigurator; did you mean " +
                            quoted_list(candidates) + "?";
      if (level.llm && candidates.size() == 1) {
        message += " (" + consequence(view, candidates[0]) + ")";
      } else if (level.explain && candidates.size() == 1) {
        message += level.required && level.required->contains(candidates[0])
                       ? " (the parser needs '" + candidates[0] + "' here and raises KeyError without it)"
                       : " (the parser uses its default for '" + candidates[0] + "' instead)";
      }
      auto& d = c.report_key(kInfo, pointer, std::move(message));
      FileDiagnostics::help(d, "rename '" + std::string(key) + "' to " + quoted_list(candidates) +
                                   " (keep the value)");
      reported.insert(pointer);
    }
  }

  // Typo candidates that the object does not also hold, best first.
  static std::vector<std::string> closest(const KeySet::Candidates& typo_candidates, const Level& level) {
    std::size_t best = SIZE_MAX;
    std::vector<std::string> out;
    for (const auto& [known, d] : typo_candidates) {
      if (has_member(*level.object, known)) continue;
      if (d < best) {
        best = d;
        out.clear();
      }
      if (d == best && out.size() < 3) out.push_back(known);
    }
    return out;
  }

  // Aliases are checked on their own; a written alias key suppressed because its meaning is also
  // present must not come back as a typo.
  static bool is_alias_written_here(const Plan& plan, const Level& level, const ConfigView& view,
                                    std::string_view key) {
    for (const PreparedAlias& a : plan.prepared) {
      if (a.written != key) continue;
      if (a.parent.empty()) {
        if (level.llm) return true;
        continue;
      }
      std::string here = level.pointer_in(view);
      if (here == view.pointer(a.parent) || here == "/" + escape_pointer_token(a.parent)) return true;
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

  // True when some alias's written key is in one of the places it is looked for (the rare case).
  static bool any_alias_written(const ConfigView& view, const Plan& plan) {
    for (const PreparedAlias& a : plan.prepared) {
      if (a.parent.empty()) {
        if (view.llm_members().find(a.written)) return true;
        continue;
      }
      if (const auto* p = view.get(a.parent); p && p->IsObject() && has_member(*p, a.written)) return true;
      if (!view.llm.nested) continue;
      const rapidjson::Value* p = view.top(a.parent);
      if (p && p->IsObject() && has_member(*p, a.written)) return true;
    }
    return false;
  }

  static void check_aliases(const FileContext& c, const ConfigView& view, const Plan& plan,
                            std::set<std::string>& reported) {
    if (!any_alias_written(view, plan)) return;  // nearly every config

    for (const PreparedAlias& pa : plan.prepared) {
      const Alias& a = *pa.alias;
      // Where the written key may be: the LLM level, or inside an object of it. A dotted key under
      // quantization_config may also be at the top level of a nested config (the parser promotes
      // text_config's quantization_config, and reads the top-level one first).
      std::vector<std::pair<const rapidjson::Value*, std::string>> places;
      if (pa.parent.empty()) {
        places.emplace_back(view.llm.object, view.llm.pointer);
      } else {
        const std::string& parent = pa.parent;
        if (const auto* p = view.get(parent); p && p->IsObject()) places.emplace_back(p, view.pointer(parent));
        if (view.llm.nested) {
          if (const rapidjson::Value* p = view.top(parent); p && p->IsObject())
            places.emplace_back(p, "/" + escape_pointer_token(parent));
        }
      }
      const std::string& written = pa.written;
      for (const auto& [object, pointer] : places) {
        if (!has_member(*object, written)) continue;
        bool meaning_present = false;
        for (const auto& m : pa.means) meaning_present = meaning_present || has_member(*object, m);
        if (meaning_present) continue;
        const std::vector<std::string>& means = pa.means;
        std::string why = pa.parent.empty() && means.size() == 1 ? consequence(view, means[0], &a) : note_text(a);
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

#include "rules/required_fields.h"

#include <set>

#include "rules/config_view.h"
#include "rules/profile_cache.h"

namespace aic {

namespace {

const RuleInfo kInfo{"AIC302", "required-fields", Severity::error,
    "Keys aiconfigurator's parser reads with [] (or must derive) are present and not null.",
    R"(What it checks: for a config whose architecture is registered, at the level the parser
reads (text_config for nested architectures that have one, else the top level):
  * hidden_size, num_attention_heads, vocab_size, max_position_embeddings;
  * the layer count: num_hidden_layers, or when it is null/absent a layers_block_type list or a
    hybrid_override_pattern string to count;
  * the architecture's own required keys from rules/architectures.json (e.g. the MLA and
    indexer dims of DeepSeek-V3.2/GLM-5, the Mamba dims of Nemotron-H, linear_attn_config of
    Kimi-K3, layer_types of Gemma-4/Qwen3.5/Step, compress_ratios of DeepSeek-V4), including
    "one of" groups (Nemotron-H: hybrid_override_pattern or layers_block_type);
  * that a text_config, when a nested architecture has one, is an object.
A required key that is null is reported too, saying what the parser does: raise (num_attention_heads
null with no head_dim: None > 0; a null per-layer pattern), or store None for the model code to
compute with later (num_attention_heads null beside head_dim, vocab_size, most architecture keys).

Why: these reads are config[key]: a missing key is a bare KeyError (or ValueError/TypeError for
the layer count and patterns) with no file name, and aiconfigurator stops.

Example: a Qwen3 config trimmed by hand without "vocab_size"
  error: missing 'vocab_size': aiconfigurator reads config["vocab_size"] (KeyError)

Fix: restore the key from the model's published config.json, at the right level.)"};

// "Nemotron-H requires ..." style reason for a profile key.
std::string read_how(const Profile& p, const std::string& key) {
  const std::string& note = p.required_note;
  if (!note.empty() && note.find(key) != std::string::npos)
    return "read with a default that fails the parser's check";
  return "read with config[\"" + key + "\"]";
}

class RequiredFields final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const FileContext& c) const override {
    // A usable view means text_config, if the architecture reads one, is an object.
    const ConfigView* view = registered_config_view(c);
    if (!view) return report_text_config_not_object(c);
    const ArchitectureRegistry& registry = *view->registry;
    const Architecture* arch = view->architecture;
    const Profile& profile = *view->profile;
    const GenericReads& generic = registry.generic();

    for (const auto& key : generic.required)
      require(c, *view, key, [&] { return "read with config[\"" + key + "\"]"; });
    check_layer_count(c, *view);

    std::set<std::string> missing_parents;
    for (const auto& key : profile.required) {
      auto dot = key.find('.');
      if (dot != std::string::npos) {
        std::string parent = key.substr(0, dot);
        const rapidjson::Value* pv = view->get(parent);
        if (!pv || !pv->IsObject()) {
          if (missing_parents.insert(parent).second) report_missing_parent(c, *view, parent, pv);
          continue;
        }
      }
      require(c, *view, key, [&] { return read_how(profile, key); });
    }
    const auto& per_layer = per_layer_fields(registry, profile);
    for (const auto& group : profile.required_one_of) {
      bool satisfied = false;
      for (const auto& key : group) {
        const rapidjson::Value* v = view->get(key);
        if (!v || v->IsNull()) continue;
        auto f = std::find_if(per_layer.begin(), per_layer.end(), [&](auto& p) { return p.key == key; });
        if (f == per_layer.end() || (f->kind == PerLayerField::Kind::string ? v->IsString() : v->IsArray()))
          satisfied = true;
      }
      if (satisfied) continue;
      std::string names;
      for (const auto& key : group) names += (names.empty() ? "'" : " or '") + key + "'";
      auto& d = c.report_key(kInfo, view->pointer(group.front()),
                             "missing " + names + " in " + view->level_name() + ": " + arch->name +
                                 " needs one of them (a string pattern or a list) and raises "
                                 "TypeError without");
      FileDiagnostics::help(d, "restore the layer pattern from the model's published config.json");
    }
  }

 private:
  // A nested architecture whose text_config is not an object: the parser raises ValueError.
  static void report_text_config_not_object(const FileContext& c) {
    if (c.kind != FileKind::config || !c.data.registry || loader_rejects(c)) return;
    const rapidjson::Value& root = c.doc.root();
    auto arch_it = root.FindMember("architectures");
    if (arch_it == root.MemberEnd() || !arch_it->value.IsArray() || arch_it->value.Empty() ||
        !arch_it->value[0].IsString())
      return;  // architecture-registered
    const ArchitectureRegistry& registry = *c.data.registry;
    const Architecture* arch = registry.find_architecture(
        std::string_view(arch_it->value[0].GetString(), arch_it->value[0].GetStringLength()));
    if (!arch) return;  // architecture-registered
    LlmLevel level = registry.llm_level(root, arch);
    if (level.text_config_not_object) {
      auto& d = c.report(kInfo, level.pointer,
                         "'" + registry.text_config_key() + "' is " +
                             show(root[registry.text_config_key().c_str()]) +
                             ", not an object: aiconfigurator requires a dict for " + arch->name +
                             " (ValueError)");
      FileDiagnostics::help(d, "make it an object holding the LLM fields, or remove it to have the "
                               "top level read");
    }
  }

  // `how_read()` says how the parser reads the key; it is called only when there is a finding.
  template <typename HowRead>
  static void require(const FileContext& c, const ConfigView& view, const std::string& key,
                      HowRead&& how_read) {
    const rapidjson::Value* v = view.get(key);
    if (v && !v->IsNull()) return;
    if (!v) {
      const std::string how = how_read();
      auto& d = c.report_key(kInfo, view.pointer(key),
                             "missing '" + key + "' in " + view.level_name() + ": " +
                                 view.architecture->name + " needs it, " + how +
                                 (how.rfind("read with config", 0) == 0 ? " (KeyError)" : " (ValueError)"));
      FileDiagnostics::help(d, "add '" + key + "' with the model's value from its published config.json");
    } else if (v->IsNull()) {
      auto& d = c.report_key(kInfo, view.pointer(key),
                             "'" + key + "' is null: " + view.architecture->name + " needs a value; " +
                                 null_effect(view, key));
      FileDiagnostics::help(d, "set '" + key + "' to the model's value");
    }
  }

  // What the parser does with a required key that is null, as exactly as it can be said.
  static std::string null_effect(const ConfigView& view, const std::string& key) {
    const std::string stores =
        "aiconfigurator's parser stores None without raising, and the model built from it "
        "computes with None later";
    const rapidjson::Value* hd = view.get("head_dim");
    const rapidjson::Value* ahd = view.get("attention_head_dim");
    bool head_size_set = (hd && truthy(*hd)) || (ahd && truthy(*ahd));
    if (key == "num_attention_heads")
      return head_size_set ? stores + " (head_dim is set, so hidden_size // num_attention_heads is "
                                      "never derived)"
                           : "with no head_dim aiconfigurator's parser evaluates None > 0 to derive "
                             "the head size (TypeError)";
    if (key == "hidden_size") {
      if (head_size_set) return stores + " (head_dim is set, so hidden_size // num_attention_heads is never derived)";
      const rapidjson::Value* heads = view.get("num_attention_heads");
      if (heads && heads->IsNumber() && !heads->IsBool()) {
        if (heads->GetDouble() > 0)
          return "with no head_dim aiconfigurator's parser derives hidden_size // "
                 "num_attention_heads from None (TypeError)";
        return stores + " (num_attention_heads <= 0 makes the parser skip hidden_size // num_attention_heads)";
      }
      return "aiconfigurator's parser fails on num_attention_heads first";
    }
    if (key == "moe_layer_freq")
      return "aiconfigurator's parser repeats None for every layer and rejects it (ValueError: only "
             "0/1 allowed)";
    if (key == "linear_attn_config.kda_layers")
      return "aiconfigurator's parser reads it as empty and raises (ValueError: kda_layers must be "
             "defined)";
    for (const auto& f : per_layer_fields(*view.registry, *view.profile))
      if (f.key == key)
        return "aiconfigurator's parser takes the length of (or iterates) None (TypeError)";
    return stores;
  }

  static void report_missing_parent(const FileContext& c, const ConfigView& view,
                                    const std::string& parent, const rapidjson::Value* value) {
    std::string needs;
    for (const auto& key : view.profile->required)
      if (key.rfind(parent + ".", 0) == 0) needs += (needs.empty() ? "" : ", ") + key.substr(parent.size() + 1);
    std::string what = value ? "'" + parent + "' is " + show(*value) + ", not an object"
                             : "missing '" + parent + "' in " + view.level_name();
    auto& d = c.report_key(kInfo, view.pointer(parent),
                           what + ": " + view.architecture->name + " reads " + needs +
                               " inside it and raises (ValueError/KeyError)");
    FileDiagnostics::help(d, "add the '" + parent + "' object from the model's published config.json");
  }

  static void check_layer_count(const FileContext& c, const ConfigView& view) {
    const LayerCountSource& lc = view.registry->generic().layer_count;
    const rapidjson::Value* v = view.get(lc.key);
    if (v && !v->IsNull()) return;
    for (const auto& f : lc.fallbacks) {
      const rapidjson::Value* fv = view.get(f.key);
      if (fv && (f.kind == LayerCountSource::Fallback::Kind::list ? fv->IsArray() : fv->IsString())) return;
    }
    std::string fallbacks;
    for (const auto& f : lc.fallbacks)
      fallbacks += std::string(fallbacks.empty() ? "" : " nor ") + "a " + f.key +
                   (f.kind == LayerCountSource::Fallback::Kind::list ? " list" : " string");
    auto& d = c.report_key(kInfo, view.pointer(lc.key),
                           std::string(v ? "'" + lc.key + "' is null" : "missing '" + lc.key + "'") +
                               " in " + view.level_name() + " and neither " + fallbacks +
                               " to count: aiconfigurator cannot tell the layer count (ValueError)");
    FileDiagnostics::help(d, "add '" + lc.key + "' with the model's number of decoder layers");
  }
};

}  // namespace

const Rule& required_fields_rule() {
  static const RequiredFields rule;
  return rule;
}

}  // namespace aic

#include "rules/recommended_fields.h"

#include "rules/config_view.h"

namespace aic {

namespace {

const RuleInfo kInfo{"AIC303", "recommended-fields", Severity::warning,
    "A key the parser reads with a default that is wrong for this architecture is missing.",
    R"(What it checks: the keys rules/architectures.json lists as "recommended" for the config's
architecture: keys aiconfigurator reads with a default (get(key, default)) where that default
is wrong for the family, e.g. the MLA dims (v_head_dim, kv_lora_rank, qk_rope_head_dim) of
DeepSeek-V3/Kimi-K2.5, the sliding-window dims of MiMo-V2, interleave_moe_layer_step of
Llama-4, the shared-expert size of MoE variants of Qwen3.5/Nemotron-H. Some apply only when
the config sets an expert count, or not when an alternative key is present (Step:
moe_layers_enum instead of first_k_dense_replace).

Why: nothing fails. The parser silently uses the default and the model is mis-sized: no
KV cache for MLA, a dropped shared expert, every layer MoE.

Example: a DeepSeek-V3 config without "kv_lora_rank"
  warning: missing 'kv_lora_rank': aiconfigurator uses the default 0 (MLA latent rank; drives
  the KV-cache size (0 means no KV cache))

Fix: add the key with the model's value from its published config.json.)"};

class RecommendedFields final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const FileContext& c) const override {
    auto view = registered_config_view(c);
    if (!view) return;
    bool experts = expert_count(*view).is_set();
    for (const RecommendedKey& r : view->profile->recommended) {
      if (r.only_if_experts && !experts) continue;
      if (view->has(r.key)) continue;
      bool alternative = false;
      for (const auto& other : r.unless_present) alternative = alternative || view->has(other);
      if (alternative) continue;
      std::string why = r.why;
      if (!why.empty() && why.back() == '.') why.pop_back();
      auto& d = c.report_key(kInfo, view->pointer(r.key),
                             "missing '" + r.key + "' in " + view->level_name() +
                                 ": aiconfigurator uses the default " + r.default_json + " for " +
                                 view->architecture->name + " (" + why + ")");
      FileDiagnostics::help(d, "add '" + r.key + "' with the model's value from its published config.json");
    }
  }
};

}  // namespace

const Rule& recommended_fields_rule() {
  static const RecommendedFields rule;
  return rule;
}

}  // namespace aic

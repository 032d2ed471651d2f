#include "rules/moe_fields.h"

#include "rules/config_view.h"

namespace aic {

namespace {

const RuleInfo kInfo{"AIC305", "moe-fields", Severity::warning,
    "Expert count, top-k and expert size are set, consistent, and spelled the way the parser reads them.",
    R"(What it checks, with the parser's own reading order:
  * experts = num_local_experts or n_routed_experts or moe_num_experts or num_experts (the
    first truthy value; "num_experts": null gives None, as for Gemma-4 dense);
  * top-k = num_experts_per_tok, else top_k_experts, else moe_top_k (the first that is not
    null: an explicit 0 is kept, which is how dense variants say "no routing"), then the
    architecture's extra spellings (Kimi-K3: num_experts_per_token).
When an expert count is set: a top-k must be set and lie in 1..experts; where the
architecture's expert size differs from intermediate_size (DeepSeek, Qwen-MoE, Kimi, GLM,
Step, MiMo-V2, Gemma-4, Nemotron-H, Qwen3.5), moe_intermediate_size must be set, else the
parser silently sizes every expert with intermediate_size. (Mixtral, GPT-OSS, MiniMax and
Llama-4 use intermediate_size as the expert size and rightly omit it.) Also: a top-k without
any expert count, no expert count for an architecture that is always MoE, an expert count on
a dense-only architecture, and two spellings of the expert count (or of top-k) with
different values (the parser uses the first in its order).

Why: none of this raises. The parser sizes the model with whatever it reads: a dense model,
zero active experts, dense-sized experts; estimates are then off by large factors.

Example: {"num_local_experts": 8, "num_experts_per_tok": 16}
  warning: top-k num_experts_per_tok 16 exceeds the expert count num_local_experts 8

Fix: copy the MoE block from the model's published config.json.)"};

std::string value_text(const rapidjson::Value* v) { return v ? show(*v) : "0"; }

class MoeFields final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const FileContext& c) const override {
    auto view = registered_config_view(c);
    if (!view) return;
    const ConfigView& v = *view;
    const Profile& profile = *v.profile;
    const GenericReads& generic = v.registry->generic();

    check_conflicts(c, v, generic.expert_count_keys, "expert count", /*skip_falsy=*/true);
    check_conflicts(c, v, generic.topk_keys, "top-k", /*skip_falsy=*/false);

    ExpertCount experts = expert_count(v);
    TopK topk = top_k(v);
    auto n_experts = as_integer(experts.value);
    auto k = as_integer(topk.value);

    if (!experts.is_set()) {
      if (topk.is_set()) {
        auto& d = c.report(kInfo, v.pointer(topk.key()),
                           "top-k " + topk.key() + " is " + show(*topk.value) +
                               " but no expert count is set (" + list(generic.expert_count_keys) +
                               "): aiconfigurator sizes the model as dense");
        FileDiagnostics::help(d, "add the expert count, or drop the top-k for a dense model");
      } else if (profile.experts == Profile::Experts::required) {
        auto& d = c.report_key(kInfo, v.pointer(generic.expert_count_keys.front()),
                               "no expert count in " + v.level_name() + " (" +
                                   list(generic.expert_count_keys) + "): " + v.architecture->name +
                                   " is a MoE architecture, but aiconfigurator will size it as dense");
        FileDiagnostics::help(d, "add the expert count from the model's published config.json");
      }
      return;
    }
    if (profile.experts == Profile::Experts::none) {
      auto& d = c.report(kInfo, v.pointer(experts.key()),
                         experts.key() + " is " + show(*experts.value) + " but " + v.architecture->name +
                             " is a dense architecture in aiconfigurator: its model ignores the experts");
      FileDiagnostics::help(d, "use the MoE architecture of this model family, or drop the expert count");
      return;  // top-k and expert size mean nothing to a dense architecture
    }

    if (!topk.is_set()) {
      std::string what = topk.value ? "top-k " + topk.key() + " is " + show(*topk.value)
                                    : "no top-k (" + list(all_topk_keys(v)) + ")";
      auto& d = c.report_key(kInfo, v.pointer(topk.value ? topk.key() : generic.topk_keys.front()),
                             what + " but " + experts.key() + " is " + show(*experts.value) +
                                 ": aiconfigurator routes each token to 0 experts");
      FileDiagnostics::help(d, "set num_experts_per_tok to the number of experts each token uses");
    } else if (k && n_experts && (*k < 1 || *k > *n_experts)) {
      auto& d = c.report(kInfo, v.pointer(topk.key()),
                         "top-k " + topk.key() + " " + std::to_string(*k) +
                             (*k < 1 ? " is not positive" : " exceeds the expert count " + experts.key() +
                                                                " " + std::to_string(*n_experts)) +
                             ": aiconfigurator uses it as is");
      FileDiagnostics::help(d, "top-k is the number of experts each token is routed to: 1.." +
                                   std::to_string(*n_experts));
    }

    // Expert size. Profiles that read moe_intermediate_size without a fallback list it as
    // recommended (recommended-fields reports it there).
    if (profile.expert_size_differs && !profile.find_recommended("moe_intermediate_size")) {
      const rapidjson::Value* moe = v.get("moe_intermediate_size");
      if (!moe || !truthy(*moe)) {
        const std::string& fallback = generic.moe_intermediate_size_fallback;
        const rapidjson::Value* dense = v.get(fallback);
        std::string what = moe ? "'moe_intermediate_size' is " + show(*moe) : "missing 'moe_intermediate_size'";
        auto& d = c.report_key(kInfo, v.pointer("moe_intermediate_size"),
                               what + " in " + v.level_name() + " with " + experts.key() + " " +
                                   show(*experts.value) + ": aiconfigurator sizes every expert with " +
                                   fallback + " (" + value_text(dense) + "), but " +
                                   v.architecture->name + " experts are smaller than its dense FFN");
        FileDiagnostics::help(d, "add \"moe_intermediate_size\" with the expert FFN size from the "
                                 "published config.json");
      }
    }
  }

 private:
  static std::string list(const KeyList& keys) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
    return out;
  }

  static KeyList all_topk_keys(const ConfigView& v) {
    KeyList keys = v.registry->generic().topk_keys;
    keys.insert(keys.end(), v.profile->extra_topk_keys.begin(), v.profile->extra_topk_keys.end());
    return keys;
  }

  // Two spellings of one quantity with different numeric values.
  static void check_conflicts(const FileContext& c, const ConfigView& v, const KeyList& keys,
                              const std::string& what, bool skip_falsy) {
    const rapidjson::Value* first = nullptr;
    const std::string* first_key = nullptr;  // a pointer: copied only if a finding prints it
    for (const auto& key : keys) {
      const rapidjson::Value* value = v.get(key);
      if (!value || value->IsNull() || !value->IsNumber()) continue;
      if (skip_falsy && !truthy(*value)) continue;
      if (!first) {
        first = value;
        first_key = &key;
        continue;
      }
      if (value->GetDouble() == first->GetDouble()) continue;
      auto& d = c.report(kInfo, v.pointer(key),
                         key + " (" + show(*value) + ") and " + *first_key + " (" + show(*first) +
                             ") are two spellings of the " + what + " with different values: "
                             "aiconfigurator uses " + *first_key + " (" + show(*first) + ")");
      FileDiagnostics::help(d, "keep one spelling, with the model's real value");
    }
  }
};

}  // namespace

const Rule& moe_fields_rule() {
  static const MoeFields rule;
  return rule;
}

}  // namespace aic

#include "rules/head_dim_consistency.h"

#include <iterator>

#include "rules/config_view.h"

namespace aic {

namespace {

const RuleInfo kInfo{"AIC304", "head-dim-consistency", Severity::warning,
    "head_dim, heads, KV heads and hidden_size (or the MLA dims) agree with each other.",
    R"(What it checks, at the level the parser reads:
  * head_dim and attention_head_dim both absent (or 0/null) and hidden_size not divisible by
    num_attention_heads: the parser uses hidden_size // num_attention_heads, truncated;
  * head_dim and attention_head_dim both set and different (the parser uses head_dim);
  * num_attention_heads not divisible by num_key_value_heads (when that is > 0);
  * hidden_size, num_attention_heads, num_key_value_heads, head_dim, attention_head_dim that are
    zero or negative integers (0 silently falls through to the next source, a negative value is
    used as is; num_attention_heads <= 0 makes the derived head size 0).
For MLA architectures (DeepSeek-V3/V3.2/V4, Kimi, GLM-5 DSA) hidden_size // heads means nothing
(Kimi-K3: 7168 / 96), so that check is skipped; instead their MLA fields (mla_fields in
rules/architectures.json: qk_nope_head_dim, qk_rope_head_dim, v_head_dim, kv_lora_rank, ...)
must be present and positive integers. MLA fields the architecture already requires or
recommends are reported by required-fields / recommended-fields when missing, not here.

Why: the head size drives attention FLOPs and the KV-cache size. The parser never checks it:
a truncated or inconsistent value silently mis-sizes the model.

Example: {"hidden_size": 5120, "num_attention_heads": 48} with no head_dim
  warning: no head_dim and hidden_size 5120 is not divisible by num_attention_heads 48:
  aiconfigurator uses 5120 // 48 = 106

Fix: write head_dim explicitly (from the published config.json), or correct the counts.)"};

class HeadDimConsistency final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const FileContext& c) const override {
    auto view = registered_config_view(c);
    if (!view) return;
    const ConfigView& v = *view;
    const Profile& profile = *v.profile;

    // Non-positive integers.
    // Each looked up once: the checks below read them again.
    const char* sized[] = {"hidden_size", "num_attention_heads", "num_key_value_heads", "head_dim",
                           "attention_head_dim"};
    const rapidjson::Value* values[std::size(sized)];
    for (std::size_t i = 0; i < std::size(sized); ++i) values[i] = v.get(sized[i]);
    for (std::size_t i = 0; i < std::size(sized); ++i) {
      const char* key = sized[i];
      auto n = as_integer(values[i]);
      if (!n || *n > 0) continue;
      // num_key_value_heads 0 and head_dim 0 are the parser's own "not set" values.
      std::string effect =
          *n == 0 ? (std::string(key) == "head_dim" || std::string(key) == "attention_head_dim"
                         ? "aiconfigurator ignores it and falls through to the next head-size source (attention_head_dim, then hidden_size // num_attention_heads)"
                         : std::string(key) == "num_attention_heads"
                               ? "without head_dim aiconfigurator derives a head size of 0"
                               : "aiconfigurator sizes the model with 0")
                  : "aiconfigurator uses the negative value as is";
      if (*n == 0 && std::string(key) == "num_key_value_heads") continue;
      auto& d = c.report(kInfo, v.pointer(key), "'" + std::string(key) + "' is " +
                                                    std::to_string(*n) + ": " + effect);
      FileDiagnostics::help(d, "set the model's real, positive value");
    }

    auto hidden = as_integer(values[0]);
    auto heads = as_integer(values[1]);
    const rapidjson::Value* hd = values[3];
    const rapidjson::Value* ahd = values[4];
    bool hd_set = hd && truthy(*hd), ahd_set = ahd && truthy(*ahd);

    if (hd_set && ahd_set && show(*hd) != show(*ahd)) {
      auto& d = c.report(kInfo, v.pointer("attention_head_dim"),
                         "head_dim (" + show(*hd) + ") and attention_head_dim (" + show(*ahd) +
                             ") differ: aiconfigurator uses head_dim and ignores attention_head_dim");
      FileDiagnostics::help(d, "keep one head size, the model's real one");
    }

    if (profile.mla) {
      check_mla_fields(c, v);
    } else if (!hd_set && !ahd_set && hidden && heads && *heads > 0 && *hidden % *heads != 0) {
      std::int64_t derived = *hidden / *heads;  // both positive here: Python's // agrees
      auto& d = c.report(kInfo, v.pointer("num_attention_heads"),
                         "no head_dim and hidden_size " + std::to_string(*hidden) +
                             " is not divisible by num_attention_heads " + std::to_string(*heads) +
                             ": aiconfigurator uses " + std::to_string(*hidden) + " // " +
                             std::to_string(*heads) + " = " + std::to_string(derived) +
                             " as the head size");
      FileDiagnostics::help(d, "add \"head_dim\" with the model's real head size");
    }

    auto kv = as_integer(values[2]);
    if (heads && kv && *kv > 0 && *heads > 0 && *heads % *kv != 0) {
      auto& d = c.report(kInfo, v.pointer("num_key_value_heads"),
                         "num_attention_heads " + std::to_string(*heads) +
                             " is not divisible by num_key_value_heads " + std::to_string(*kv) +
                             ": query heads cannot be grouped evenly over the KV heads");
      FileDiagnostics::help(d, "check both counts against the published config.json");
    }
  }

 private:
  static void check_mla_fields(const FileContext& c, const ConfigView& v) {
    const Profile& p = *v.profile;
    for (const auto& key : p.mla_fields) {
      const rapidjson::Value* value = v.get(key);
      bool covered = std::find(p.required.begin(), p.required.end(), key) != p.required.end() ||
                     p.find_recommended(key) != nullptr;
      if (!value || value->IsNull()) {
        if (covered) continue;  // required-fields / recommended-fields say it
        auto& d = c.report_key(kInfo, v.pointer(key),
                               std::string(value ? "'" + key + "' is null" : "missing '" + key + "'") +
                                   " in " + v.level_name() + ": " + v.architecture->name +
                                   " is an MLA model and its head geometry comes from its MLA fields, "
                                   "not from hidden_size // num_attention_heads");
        FileDiagnostics::help(d, "add '" + key + "' with the model's value from its published config.json");
        continue;
      }
      auto n = as_integer(value);
      if (n && *n > 0) continue;
      if (n && (key == "head_dim" || key == "attention_head_dim")) continue;  // reported above
      auto& d = c.report(kInfo, v.pointer(key),
                         "MLA field '" + key + "' is " + show(*value) + ": it must be a positive integer");
      FileDiagnostics::help(d, "set the model's real value");
    }
  }
};

}  // namespace

const Rule& head_dim_consistency_rule() {
  static const HeadDimConsistency rule;
  return rule;
}

}  // namespace aic

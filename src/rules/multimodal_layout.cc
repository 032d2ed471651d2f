#include "rules/multimodal_layout.h"

#include <cctype>

#include "rules/config_view.h"

namespace aic {

namespace {

const RuleInfo kInfo{"AIC309", "multimodal-layout", Severity::warning,
    "Qwen3-VL without a usable vision_config, or text_config and the top level declaring different quantization.",
    R"(What it checks:
  * for architectures whose registry profile reads a vision encoder (Qwen3-VL, Qwen3-VL-MoE): a
    top-level vision_config that is a non-empty object. Absent, null or {}: warning (the parser
    silently leaves the vision encoder out). Truthy but not an object: error (the parser calls
    .get() on it). An object missing a key the parser reads with [] (hidden_size,
    spatial_merge_size, out_hidden_size, depth, num_heads, intermediate_size, patch_size,
    temporal_patch_size): error, at vision_config. A vision_config inside text_config is not
    read: the message says so.
  * for nested architectures (LLM fields under text_config): quantization_config declared both
    inside text_config and at the top level, with different contents: warning. Inside only is
    normal (Kimi-K2.5, Kimi-K3): the parser promotes it to the top.
A text_config that is not an object is required-fields' finding (AIC302), not this rule's.

Why: the parser reads vision_config only when it is truthy, and then with vision_config["..."]
(KeyError). With both quantization_configs, the top-level one wins and the one inside
text_config is silently ignored: the model may be estimated with the wrong precision.

Example: Qwen3-VL-8B-Instruct without vision_config
  warning: missing 'vision_config' for Qwen3VLForConditionalGeneration: without a vision_config
  the parser silently drops the vision encoder from the estimate

Fix: copy vision_config from the model's published config.json; keep one quantization_config
(or make both identical).)"};

class MultimodalLayout final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const FileContext& c) const override {
    auto view = registered_config_view(c);
    if (!view) return;
    if (view->profile->vision) check_vision(c, *view, *view->profile->vision);
    if (view->llm.nested) check_quantization(c, *view);
  }

 private:
  static void check_vision(const FileContext& c, const ConfigView& view, const VisionSpec& vision) {
    const std::string& arch = view.architecture->name;
    const rapidjson::Value* v = view.top("vision_config");
    if (!v || !truthy(*v)) {
      if (!vision.recommended) return;
      std::string why = vision.why;
      if (!why.empty() && why.back() == '.') why.pop_back();
      // The registry's sentence goes after a colon.
      if (why.size() > 1 && std::isupper(static_cast<unsigned char>(why[0])) &&
          std::islower(static_cast<unsigned char>(why[1])))
        why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
      auto& d = c.report_key(kInfo, "/vision_config",
                             (v ? "'vision_config' is " + show(*v) : std::string("missing 'vision_config'")) +
                                 " for " + arch + ": " + why);
      if (view.llm.nested) {
        if (const auto* inner = view.get("vision_config"); inner && inner->IsObject()) {
          std::uint32_t node = c.doc.find(view.pointer("vision_config"));
          if (node != JsonDocument::kNone)
            c.out.note_at(d, c.doc.node(node).key_begin,
                          "a vision_config inside " + view.registry->text_config_key() +
                              " is not read: the parser reads the top level only");
        }
      }
      FileDiagnostics::help(d, "add the top-level vision_config from the model's published config.json");
      return;
    }
    if (!v->IsObject()) {
      auto& d = c.report(kInfo, "/vision_config",
                         "'vision_config' is " + show(*v) + ", not an object: the parser reads it with "
                                                             ".get() and raises AttributeError");
      d.severity = Severity::error;
      FileDiagnostics::help(d, "make vision_config the object from the model's published config.json");
      return;
    }
    for (const auto& key : vision.required) {
      if (v->HasMember(key.c_str())) continue;
      auto& d = c.report_key(kInfo, "/vision_config/" + escape_pointer_token(key),
                             "missing '" + key + "' in vision_config: " + arch + " reads vision_config[\"" +
                                 key + "\"] and raises KeyError");
      d.severity = Severity::error;
      FileDiagnostics::help(d, "add '" + key + "' with the value from the model's published config.json");
    }
  }

  static void check_quantization(const FileContext& c, const ConfigView& view) {
    const rapidjson::Value* inner = view.get("quantization_config");
    const rapidjson::Value* outer = view.top("quantization_config");
    if (!inner || !outer) return;
    if (*inner == *outer) return;
    const std::string tc = view.registry->text_config_key();
    auto& d = c.report_key(kInfo, view.pointer("quantization_config"),
                           "quantization_config inside " + tc + " differs from the top-level one: "
                           "aiconfigurator uses the top-level quantization_config and silently ignores this one");
    std::uint32_t top = c.doc.find("/quantization_config");
    if (top != JsonDocument::kNone)
      c.out.note_at(d, c.doc.node(top).key_begin, "the top-level quantization_config, which wins, is here");
    FileDiagnostics::help(d, "keep a single quantization_config (inside " + tc +
                                 " alone is fine: the parser promotes it), or make both identical");
  }
};

}  // namespace

const Rule& multimodal_layout_rule() {
  static const MultimodalLayout rule;
  return rule;
}

}  // namespace aic

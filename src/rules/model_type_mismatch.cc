#include "rules/model_type_mismatch.h"

#include <algorithm>

#include "rules/config_view.h"

namespace aic {

namespace {

const RuleInfo kInfo{"AIC308", "model-type-mismatch", Severity::warning,
    "model_type does not belong to the architecture (a config copied from another model?).",
    R"(What it checks: the top-level model_type is one of the values real checkpoints of
architectures[0] use (rules/architectures.json "model_types"), and, for nested architectures
whose registry entry lists "text_model_types", that text_config.model_type is one of those.
A missing model_type is not reported (the parser does not need it).

Why: the parser goes by architectures[0] only, so a mismatch does not fail; it is the mark of
the most common real mistake in model_configs/: content copied from another model or variant (a
DeepSeek-V3.1 id holding a Qwen3 config). The numbers then describe a different model.

Example: architectures ["DeepseekV3ForCausalLM"] with "model_type": "qwen3"
  warning: model_type 'qwen3' does not belong to DeepseekV3ForCausalLM (expected 'deepseek_v3'
  or 'kimi_k2'); 'qwen3' is the model_type of Qwen3ForCausalLM: was this config copied from
  another model?

Fix: take config.json from the model itself, so architectures, model_type and every size come
from the same checkpoint. If the model really uses a new model_type with this architecture, add
it to the architecture's model_types in rules/architectures.json.)"};

std::string_view str(const rapidjson::Value& v) { return {v.GetString(), v.GetStringLength()}; }

std::string quoted_or(const KeyList& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i == 0 ? "" : i + 1 == values.size() ? " or " : ", ") + ("'" + values[i] + "'");
  return out;
}

bool contains(const KeyList& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

class ModelTypeMismatch final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const FileContext& c) const override {
    auto view = registered_config_view(c);
    if (!view) return;
    const Architecture& arch = *view->architecture;
    // Registered only by --registry-source: aic-lint knows no model_type for it.
    if (arch.model_types.empty()) return;
    const rapidjson::Value* model_type = view->top("model_type");
    if (model_type && model_type->IsString() && !contains(arch.model_types, str(*model_type))) {
      std::string value(str(*model_type));
      std::string owners = owners_of(*view, value, false);
      auto& d = c.report(kInfo, "/model_type",
                         "model_type '" + value + "' does not belong to " + arch.name + " (expected " +
                             quoted_or(arch.model_types) + ")" +
                             (owners.empty() ? "" : "; '" + value + "' is the model_type of " + owners) +
                             ": was this config copied from another model?");
      FileDiagnostics::help(d, "use the model's own config.json (architectures, model_type and sizes from one "
                               "checkpoint), or register '" + value + "' for " + arch.name +
                               " in rules/architectures.json");
    }
    if (!view->llm.nested || arch.text_model_types.empty()) return;
    auto tt = view->llm.object->FindMember("model_type");
    if (tt == view->llm.object->MemberEnd() || !tt->value.IsString() ||
        contains(arch.text_model_types, str(tt->value)))
      return;
    std::string value(str(tt->value));
    std::string owners = owners_of(*view, value, true);
    auto& d = c.report(kInfo, view->llm.pointer + "/model_type",
                       view->registry->text_config_key() + ".model_type '" + value + "' does not belong to " +
                           arch.name + " (expected " + quoted_or(arch.text_model_types) + ")" +
                           (owners.empty() ? "" : "; '" + value + "' is used by " + owners) +
                           ": was the text_config copied from another model?");
    FileDiagnostics::help(d, "take text_config from the model's own config.json");
  }

 private:
  // Registered architectures that use `value` as a (text) model_type, for the message.
  static std::string owners_of(const ConfigView& view, const std::string& value, bool text) {
    KeyList names;
    for (const auto& [name, a] : view.registry->architectures())
      if (contains(text ? a.text_model_types : a.model_types, value) || (text && contains(a.model_types, value)))
        names.push_back(name);
    if (names.size() > 3) names.resize(3);
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
    return out;
  }
};

}  // namespace

const Rule& model_type_mismatch_rule() {
  static const ModelTypeMismatch rule;
  return rule;
}

}  // namespace aic

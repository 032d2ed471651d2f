// AIC404 identity: the file holds the model its name says (the most common real mistake in
// model_configs' history was a file holding another model's or variant's content).
//
// A repository rule rather than a per-file one: the quantization check needs the side-car,
// which the engine loads for us in hook mode; positions are captured into the summaries
// during the per-file pass, so the findings still point at the value concerned.
#include <algorithm>
#include <string_view>

#include "rules/file_set_rules.h"

namespace aic::file_set_rules {

namespace {

constexpr RuleInfo kInfo{
    "AIC404", "identity", Severity::warning,
    "the config is the model its file name says (id, architecture, quantization)",
    R"(What it checks
  Three signs that a config holds another model's (or variant's) content:
  * `_name_or_path` (top level, else text_config's), when it is a HuggingFace id `org/model`,
    names the file's id. A quantized re-export naming its base model (nvidia--X-FP8 with
    `meta-llama/X`) is fine; a local path or an internal name is not compared.
  * The architecture fits the model the id names: an id saying DeepSeek holding a Qwen3
    architecture is a copy. A small, conservative table of id keywords (Qwen, DeepSeek, Kimi,
    GLM, Llama, Mistral/Mixtral, Gemma, MiniMax, gpt-oss, MiMo, Step) and the architecture names
    each family uses; ids naming no known family (Nemotron fine-tunes exist for many bases) and
    architectures outside the table are not judged.
  * The quantization fits the id: an id with a quantization suffix (-FP8, -NVFP4, -MXFP4,
    -INT4, -AWQ, ...) whose config and side-car declare no quantization; a declared algorithm
    that contradicts the suffix (an -FP8 id declaring nvfp4); a -BF16/-FP16 id that declares
    quantization. An unsuffixed id that declares quantization is normal (DeepSeek-V3, Kimi-K2,
    gpt-oss ship natively quantized).

Why
  aiconfigurator believes the file: a copied config sizes the model as another one, and a
  missing or wrong quantization changes memory and latency estimates by 2x or more.

Example
  deepseek-ai--DeepSeek-V3.1_config.json with "architectures": ["Qwen3ForCausalLM"]
  nvidia--Llama-3.1-8B-Instruct-FP8_config.json with no quantization_config and no side-car

Fix
  Replace the file with the model's own config.json (and its hf_quant_config.json side-car for
  a ModelOpt checkpoint), or rename it after the model it really is.)"};

bool compatible(std::string_view claim, std::string_view algo) {
  if (algo == "mixed_precision" || algo == "compressed-tensors" || algo == "modelopt") return true;
  if (claim == "fp8" || claim == "fp8_block") return algo == "fp8" || algo == "fp8_block";
  if (claim == "nvfp4" || claim == "fp4") return algo == "nvfp4";
  if (claim == "mxfp4") return algo == "mxfp4";
  return true;  // other claims (int4, awq, mxfp8, ...): only their presence is checked
}

// `org/model` when `value` looks like a HuggingFace id (not a path, not an internal name).
std::optional<model_id::PartViews> hf_id(std::string_view value) {
  std::size_t slash = value.find('/');
  if (slash == std::string_view::npos || value.find('/', slash + 1) != std::string_view::npos) return {};
  model_id::PartViews p{value.substr(0, slash), value.substr(slash + 1)};
  if (!model_id::part_problem(p.org).empty() || !model_id::part_problem(p.model).empty()) return {};
  return p;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {  // ASCII, as model_id::to_lower
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

class Identity : public RepositoryRule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RepositoryContext& c) const override {
    IdIndex side_cars(c.files, FileKind::side_car);
    for (std::size_t i = 0; i < c.files.size(); ++i) {
      const FileSummary& f = c.files[i];
      if (!f.reported || f.kind != FileKind::config || !f.parsed) continue;
      auto id = model_id::id_of_file_name(f.name());
      auto parts = id ? model_id::split_view(*id) : std::nullopt;
      if (!parts) continue;  // misnamed: AIC401's finding
      const Anchors& anchors = f.anchors();
      const std::string_view model = parts->model;
      auto hf = [&] { return std::string(parts->org) + "/" + std::string(model); };  // for messages

      if (auto named = hf_id(f.name_or_path())) {
        // "org/model" against "org/model", ASCII case aside ('/' is in neither part).
        bool same = equal_ignoring_case(named->org, parts->org) && equal_ignoring_case(named->model, model);
        // The base names are compared only when the ids differ (the common case is equal ids).
        if (!same && model_id::without_quant_tokens(named->model) != model_id::without_quant_tokens(model)) {
          const std::string name_or_path(f.name_or_path());
          Diagnostic& d = c.report_at(
              i, anchors.name_or_path_at, kInfo,
              "_name_or_path is '" + name_or_path + "' but the file is named for '" + hf() +
                  "': this looks like another model's config");
          FileDiagnostics::help(d, "use the config.json of '" + hf() + "', or rename the file after '" +
                                       name_or_path + "'");
        }
      }

      // The families are listed (for the message) only when the architecture fits none.
      if (model_id::architecture_fits_id(model, f.architecture()) == false) {
        std::string names;
        for (const auto& fam : model_id::families_named(model)) names += (names.empty() ? "" : "/") + fam;
        Diagnostic& d = c.report_at(
            i, anchors.architecture_at, kInfo,
            "the id '" + hf() + "' names a " + names + " model, but the architecture is '" +
                std::string(f.architecture()) + "' (" + model_id::family_of_architecture(f.architecture()) +
                "): this looks like a copy of another model's config");
        FileDiagnostics::help(d, "use the config.json of '" + hf() + "'");
      }

      const FileSummary* side_car = nullptr;
      if (!side_cars.empty())  // no key to build in a repository without side-cars
        if (auto sc = side_cars.find(f.directory, *id)) side_car = &c.files[*sc];
      const std::string_view algo = effective_quant_algo(f, side_car);
      // The id's quantization claims (bf16/fp16 claim none): most ids have no such token.
      std::string first_claim;
      bool any_compatible = false, unquantized_claim = false;
      for (const std::string& t : model_id::quant_tokens(model)) {
        if (t == "bf16" || t == "fp16") {
          unquantized_claim = true;
        } else {
          if (first_claim.empty()) first_claim = t;
          any_compatible = any_compatible || compatible(t, algo);
        }
      }
      auto declared_by = [&]() -> std::string {  // for messages only
        return side_car && !side_car->quant_algo().empty()
                   ? "its side-car '" + std::string(side_car->name()) + "'"
                   : "its quantization_config";
      };
      const Anchor& at = anchors.quant_algo_at.known() ? anchors.quant_algo_at : anchors.root_at;
      if (!first_claim.empty() && algo.empty()) {
        Diagnostic& d = c.report_at(
            i, anchors.quant_at.known() ? anchors.quant_at : anchors.root_at, kInfo,
            "the id says " + first_claim + " ('" + std::string(model) +
                "') but neither the config's quantization_config nor a side-car declares a "
                "quantization: aiconfigurator models it unquantized (16-bit weights)");
        if (!anchors.quant_at.known()) d.pointer = "/quantization_config";  // where it would go
        FileDiagnostics::help(d, "add the checkpoint's quantization_config (or its "
                                 "hf_quant_config.json side-car), or, if this is the unquantized "
                                 "model, use the unsuffixed id's config");
      } else if (!first_claim.empty()) {
        if (!any_compatible) {
          Diagnostic& d = c.report_at(
              i, at, kInfo,
              "the id says " + first_claim + " ('" + std::string(model) + "') but " + declared_by() +
                  " declares " + std::string(algo) + ": one of them belongs to another variant");
          FileDiagnostics::help(d, "use the " + first_claim + " checkpoint's own config and side-car");
        }
      } else if (unquantized_claim && !algo.empty()) {
        Diagnostic& d = c.report_at(
            i, at, kInfo,
            "the id says 16-bit ('" + std::string(model) + "') but " + declared_by() + " declares " +
                std::string(algo) + ": this looks like a quantized variant's file");
        FileDiagnostics::help(d, "use the 16-bit checkpoint's own config.json (no quantization)");
      }
    }
  }
};

}  // namespace

const RepositoryRule& identity() {
  static const Identity rule;
  return rule;
}

}  // namespace aic::file_set_rules

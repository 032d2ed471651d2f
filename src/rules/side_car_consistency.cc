// AIC406 side-car-consistency: a side-car and its config's quantization_config agree.
//
// A repository rule: it compares two files. Positions in both are captured into the summaries
// during the per-file pass. Unsupported algorithm names are the schema stage's finding (the
// schemas enumerate what the consumer accepts), so they are not reported again here.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "rules/file_set_rules.h"

namespace aic::file_set_rules {

namespace {

constexpr RuleInfo kInfo{
    "AIC406", "side-car-consistency", Severity::warning,
    "a side-car declares a quantization, consistent with its config's quantization_config",
    R"(What it checks
  For every `<org>--<model>_hf_quant_config.json`:
  * The side-car declares an algorithm: `quantization.quant_algo` null, missing, or no
    `quantization` object at all all declare no quantization (the consumer falls back to the
    config's quantization_config, or to none, without a word).
  * Its `quant_algo` and the config's quantization_config algorithm (`quant_algo`, else
    `quant_method`) agree (fp8 and block fp8 count as one).
  * Its `kv_cache_quant_algo` and the config's KV-cache scheme (`kv_cache_quant_algo`,
    `kv_cache_scheme`, ...) agree, and a side-car KV scheme is not added to a config that
    declares its quantization but no KV-cache quantization.
  * An NVFP4 side-car lists the modules kept unquantized (`exclude_modules`, or the config's
    `ignore`/`exclude_modules`): without them, attention is modelled as NVFP4.
  The finding is on the side-car; when a hook passes only the config, on the config.

Why
  The side-car's quant_algo and kv_cache_quant_algo silently win over the config. Real mistakes:
  an FP8 side-car made by editing the NVFP4 one; a side-car saying KV FP8 while the config has no
  KV scheme; a side-car with quant_algo null (or none at all); an NVFP4 side-car without
  exclude_modules, so the attention layers were estimated at 4 bits.

Example
  side-car: "quantization": {"quant_algo": "NVFP4", "kv_cache_quant_algo": "FP8"}
  config:   "quantization_config": {"quant_method": "fp8", "weight_block_size": [128, 128]}

Fix
  Take both files from the same checkpoint (its config.json and hf_quant_config.json), unmodified.
  For a trimmed side-car, keep `exclude_modules`.)"};

bool same_algo(std::string_view a, std::string_view b) {
  auto fold = [](std::string_view s) { return s == "fp8_block" ? std::string_view("fp8") : s; };
  return fold(a) == fold(b);
}

class SideCarConsistency : public RepositoryRule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RepositoryContext& c) const override {
    // Most repositories have few side-cars, many have none: no index of the configs then.
    if (std::none_of(c.files.begin(), c.files.end(),
                     [](const FileSummary& f) { return f.kind == FileKind::side_car && f.parsed; }))
      return;
    IdIndex configs(c.files, FileKind::config);
    for (std::size_t s = 0; s < c.files.size(); ++s) {
      const FileSummary& sc = c.files[s];
      if (sc.kind != FileKind::side_car || !sc.parsed) continue;
      const std::optional<std::size_t> config_index =
          configs.find(sc.directory, *model_id::id_of_file_name(sc.name()));
      const FileSummary* config = config_index ? &c.files[*config_index] : nullptr;
      if (config && !config->parsed) config = nullptr;
      // Where a finding about the pair goes: the side-car, else the config (hook mode).
      auto report_pair = [&](const Anchor& side_car_at, const Anchor& config_at,
                             std::string message) -> Diagnostic* {
        if (sc.reported) return &c.report_at(s, side_car_at, kInfo, std::move(message));
        if (config && config->reported)
          return &c.report_at(*config_index, config_at, kInfo, std::move(message));
        return nullptr;
      };

      // No algorithm: quant_algo null, no quant_algo, or no quantization object at all. The
      // consumer reads all three as unquantized. (A non-object `quantization` is the schema's
      // type error, not repeated here.)
      const std::string sc_algo(sc.quant_algo()), sc_kv(sc.kv_cache_quant_algo());
      const std::string config_algo(config ? config->quant_algo() : std::string_view());
      const std::string config_kv(config ? config->kv_cache_quant_algo() : std::string_view());
      bool no_algo = sc_algo.empty() && (!sc.quant_section_present || sc.has_quant_section);
      if (no_algo && sc.reported) {
        std::string fallback = config && !config_algo.empty()
                                   ? "the config's quantization_config (" + config_algo + ")"
                                   : "no quantization at all";
        std::string what = sc.quant_algo_null        ? "quant_algo is null"
                           : sc.quant_section_present ? "quantization has no quant_algo"
                                                      : "no 'quantization' object";
        const Anchor& at = sc.quant_algo_null ? sc.anchors().quant_algo_at
                           : sc.quant_section_present ? sc.anchors().quant_at
                                                      : sc.anchors().root_at;
        Diagnostic& d = c.report_at(
            s, at, kInfo,
            what + ": this side-car declares no quantization, so aiconfigurator falls back to " +
                fallback);
        FileDiagnostics::help(d, "write the checkpoint's algorithm (e.g. \"NVFP4\", \"FP8\"), or "
                                 "delete the side-car if the model is not quantized");
      }
      if (!config) continue;  // orphan: AIC402

      bool algo_differs = !sc_algo.empty() && !config_algo.empty() && config_algo != "modelopt" &&
                          !same_algo(sc_algo, config_algo);
      if (algo_differs) {
        Diagnostic* d = report_pair(
            sc.anchors().quant_algo_at, config->anchors().quant_algo_at,
            "the side-car declares quant_algo " + sc_algo + " but '" + std::string(config->name()) +
                "' declares " + config_algo + " (" + std::string(config->pointer(config->anchors().quant_algo_at)) +
                "): aiconfigurator silently uses the side-car's " + sc_algo);
        if (d) FileDiagnostics::help(*d, "take both files from the same checkpoint");
      }
      if (!sc_kv.empty() && !config_kv.empty() && sc_kv != config_kv) {
        Diagnostic* d = report_pair(
            sc.anchors().kv_cache_quant_algo_at, config->anchors().kv_cache_quant_algo_at,
            "the side-car declares kv_cache_quant_algo " + sc_kv + " but '" +
                std::string(config->name()) + "' declares " + config_kv + " (" +
                std::string(config->pointer(config->anchors().kv_cache_quant_algo_at)) +
                "): aiconfigurator silently uses the side-car's");
        if (d) FileDiagnostics::help(*d, "take both files from the same checkpoint");
      } else if (!sc_kv.empty() && config_kv.empty() && !config_algo.empty() &&
                 !algo_differs) {  // one finding per copy
        Diagnostic* d = report_pair(
            sc.anchors().kv_cache_quant_algo_at, config->anchors().quant_at,
            "the side-car declares kv_cache_quant_algo " + sc_kv + " but '" +
                std::string(config->name()) + "' declares its quantization (" + config_algo +
                ") with no KV-cache scheme: aiconfigurator estimates a " + sc_kv +
                " KV cache from the side-car alone");
        if (d) FileDiagnostics::help(*d, "check the checkpoint: add its kv_cache_scheme to the "
                                         "config, or remove kv_cache_quant_algo from the side-car");
      }

      if (sc_algo == "nvfp4" && !sc.quant_excludes && !config->quant_excludes && sc.reported) {
        Diagnostic& d = c.report_at(
            s, sc.anchors().quant_at, kInfo,
            "NVFP4 side-car without exclude_modules (and no ignore list in the config): "
            "aiconfigurator models every layer, attention included, as NVFP4");
        FileDiagnostics::help(d, "copy exclude_modules from the checkpoint's hf_quant_config.json "
                                 "(ModelOpt keeps attention and lm_head unquantized there)");
      }
    }
  }
};

}  // namespace

const RepositoryRule& side_car_consistency() {
  static const SideCarConsistency rule;
  return rule;
}

}  // namespace aic::file_set_rules

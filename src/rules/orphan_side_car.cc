// AIC402 orphan-side-car: a side-car is only ever found through its config's id.
#include <algorithm>
#include <filesystem>
#include <string_view>
#include <vector>

#include "rules/file_set_rules.h"
#include "rules/model_id.h"

namespace aic::file_set_rules {

namespace {

constexpr RuleInfo kInfo{
    "AIC402", "orphan-side-car", Severity::error,
    "a side-car has its <org>--<model>_config.json beside it",
    R"(What it checks
  For every `<org>--<model>_hf_quant_config.json`, a `<org>--<model>_config.json` of exactly the
  same id (case-sensitive) exists in the same directory. The config is looked for among the
  files of the run and on disk, so a pre-commit hook that passes only the side-car still works.

Why
  aiconfigurator reads a side-car only when it loads the config of the same id. A side-car
  without its config, or whose name is misspelled, is never read: the model's quantization
  (ModelOpt NVFP4, FP8 KV cache, excluded modules) is silently lost.

Example
  model_configs/nvidia--Llama-3.1-8B-Instruct-NVFP4_hf_quant_config.json with no
  model_configs/nvidia--Llama-3.1-8B-Instruct-NVFP4_config.json beside it.

Fix
  Add the model's config under the same id, or rename the side-car after the config it belongs
  to (the message names a config whose id differs only slightly, when there is one).)"};

// Levenshtein distance, capped: ids within a couple of edits are likely the same model.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The ids of the configs in a directory, sorted (only for a side-car that is an orphan).
std::vector<std::string_view> config_ids(const RepositoryContext& c, std::uint32_t directory) {
  std::vector<std::string_view> ids;
  for (const FileSummary& f : c.files)
    if (f.kind == FileKind::config && f.directory == directory)
      if (auto id = model_id::id_of_file_name(f.name())) ids.push_back(*id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

class OrphanSideCar : public RepositoryRule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RepositoryContext& c) const override {
    // No reported side-car (most repositories): nothing to look up.
    if (std::none_of(c.files.begin(), c.files.end(),
                     [](const FileSummary& f) { return f.reported && f.kind == FileKind::side_car; }))
      return;
    IdIndex configs(c.files, FileKind::config);
    for (std::size_t i = 0; i < c.files.size(); ++i) {
      const FileSummary& f = c.files[i];
      if (!f.reported || f.kind != FileKind::side_car) continue;
      std::string id(*model_id::id_of_file_name(f.name()));
      if (configs.find(f.directory, id)) continue;
      // A config the run did not see (a symlink beside a hook-passed file, say) still counts.
      std::error_code ec;
      std::filesystem::path beside =
          std::filesystem::path(f.path).parent_path() / (id + std::string(model_id::kConfigSuffix));
      if (std::filesystem::exists(beside, ec)) continue;
      std::string closest;
      std::size_t best = 3;
      for (std::string_view other : config_ids(c, f.directory)) {
        std::size_t d = model_id::to_lower(other) == model_id::to_lower(id) ? 0 : distance(other, id);
        if (d < best) best = d, closest = other;
      }
      Diagnostic& d = c.report(
          i, kInfo,
          "side-car without a config: there is no '" + id + std::string(model_id::kConfigSuffix) +
              "' beside it, and aiconfigurator reads a side-car only through its config's id, so "
              "this quantization is never used");
      if (!closest.empty())
        FileDiagnostics::help(d, "did you mean the side-car of '" + closest +
                                     "'? rename it to '" + closest +
                                     std::string(model_id::kSideCarSuffix) + "'");
      else
        FileDiagnostics::help(d, "add '" + id + std::string(model_id::kConfigSuffix) +
                                     "' (the model's config.json), or delete the side-car");
    }
  }
};

}  // namespace

const RepositoryRule& orphan_side_car() {
  static const OrphanSideCar rule;
  return rule;
}

}  // namespace aic::file_set_rules

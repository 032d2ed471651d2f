// AIC405 duplicate-content: byte-identical configs under two ids.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "rules/file_set_rules.h"

namespace aic::file_set_rules {

namespace {

constexpr RuleInfo kInfo{
    "AIC405", "duplicate-content", Severity::info,
    "byte-identical configs under two ids (warning when only a quantization suffix tells them apart)",
    R"(What it checks
  Configs in one directory whose bytes are identical. Siblings of the files named on the
  command line are read from disk, so a hook passing one changed file still finds its twin.
  * info: the two ids name each other. This can be legitimate: two variants sharing one config
    (Qwen3-VL-32B Thinking and Instruct), or variants told apart by their side-cars
    (Nemotron-3-Ultra BF16, FP8 and NVFP4).
  * warning: the two ids differ only by a quantization suffix (X and X-FP8, X-FP8 and X-NVFP4)
    and nothing tells their quantization apart (no side-car, or side-cars declaring the same
    algorithm): one of the two then declares the wrong precision.

Why
  Copying a config to a new id and forgetting to replace it is the most frequent mistake in the
  history of model_configs: a BF16 id once held the FP8 file.

Example
  Qwen--Qwen3-32B_config.json and Qwen--Qwen3-32B-FP8_config.json, byte-identical, no side-car.

Fix
  Replace the copy with the variant's own config.json (for a ModelOpt checkpoint, add its
  hf_quant_config.json side-car). If the two models really share one config, leave it: the info
  note is only a note.)"};

class DuplicateContent : public RepositoryRule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RepositoryContext& c) const override {
    // content_hash is set only where a twin is possible (engine/content_identity.h). Sorted
    // (hash, index) pairs: the hash nearly always tells files apart at once; the few equal
    // hashes are then grouped by equal (variant, size, directory).
    std::vector<std::pair<std::uint64_t, std::size_t>> hashed;
    for (std::size_t i = 0; i < c.files.size(); ++i) {
      const FileSummary& f = c.files[i];
      if (f.kind == FileKind::config && f.content_hash && f.size != 0) hashed.emplace_back(*f.content_hash, i);
    }
    std::sort(hashed.begin(), hashed.end());
    auto twins_key = [&](std::size_t i) {
      const FileSummary& f = c.files[i];
      return std::tuple(f.content_variant, f.size, f.directory);
    };
    std::optional<IdIndex> side_cars;  // built at the first group
    std::vector<std::size_t> same_hash;
    for (std::size_t b = 0, e; b < hashed.size(); b = e) {
      for (e = b + 1; e < hashed.size() && hashed[e].first == hashed[b].first;) ++e;
      if (e - b < 2) continue;
      same_hash.clear();
      for (std::size_t k = b; k < e; ++k) same_hash.push_back(hashed[k].second);
      // Stable: a group's members stay in file order.
      std::stable_sort(same_hash.begin(), same_hash.end(),
                       [&](std::size_t x, std::size_t y) { return twins_key(x) < twins_key(y); });
      for (std::size_t gb = 0, ge; gb < same_hash.size(); gb = ge) {
        for (ge = gb + 1; ge < same_hash.size() && twins_key(same_hash[ge]) == twins_key(same_hash[gb]);) ++ge;
        if (ge - gb < 2) continue;
        if (!side_cars) side_cars.emplace(c.files, FileKind::side_car);
        report_group(c, {same_hash.begin() + static_cast<std::ptrdiff_t>(gb),
                         same_hash.begin() + static_cast<std::ptrdiff_t>(ge)},
                     *side_cars);
      }
    }
  }

 private:
  // "algorithm/kv-algorithm" that aiconfigurator uses for config i (its side-car's win).
  static std::string quant_of(const RepositoryContext& c, const IdIndex& side_cars, std::size_t i,
                              std::string_view id) {
    std::optional<std::size_t> sc = side_cars.find(c.files[i].directory, id);
    const FileSummary* s = sc ? &c.files[*sc] : nullptr;
    std::string_view kv = s && !s->kv_cache_quant_algo().empty() ? s->kv_cache_quant_algo()
                                                                 : c.files[i].kv_cache_quant_algo();
    return std::string(effective_quant_algo(c.files[i], s)) + "/" + std::string(kv);
  }

  // Byte-identical configs, in file order.
  static void report_group(const RepositoryContext& c, const std::vector<std::size_t>& members,
                           const IdIndex& side_cars) {
    for (std::size_t i : members) {
      if (!c.files[i].reported) continue;
      std::string id = *model_id::of_file_name(c.files[i].name());
      auto parts = model_id::split(id);
      std::string twins, suspects;
      for (std::size_t j : members) {
        if (j == i) continue;
        std::string other = *model_id::of_file_name(c.files[j].name());
        twins += (twins.empty() ? "'" : ", '") + std::string(c.files[j].name()) + "'";
        auto other_parts = model_id::split(other);
        if (!parts || !other_parts) continue;
        bool suffix_only =
            model_id::without_quant_tokens(parts->model) ==
                model_id::without_quant_tokens(other_parts->model) &&
            model_id::quant_tokens(parts->model) != model_id::quant_tokens(other_parts->model);
        if (suffix_only && quant_of(c, side_cars, i, id) == quant_of(c, side_cars, j, other))
          suspects += (suspects.empty() ? "'" : ", '") + other + "'";
      }
      if (suspects.empty()) {
        Diagnostic& d = c.report(
            i, kInfo, "byte-identical to " + twins +
                          ": fine if these models really share one config (or differ only by "
                          "their side-cars), otherwise one of them is a copy");
        FileDiagnostics::help(d, "if this is a copy, replace it with the model's own config.json");
      } else {
        Diagnostic& d = c.report(
            i, kInfo,
            "byte-identical to " + twins + "; '" + id + "' and " + suspects +
                " differ only by a quantization suffix and nothing (no side-car) tells their "
                "quantization apart: one of them declares the wrong precision");
        d.severity = Severity::warning;
        FileDiagnostics::help(d, "replace the copy with the variant's own config.json (and its "
                                 "hf_quant_config.json side-car for a ModelOpt checkpoint)");
      }
    }
  }
};

}  // namespace

const RepositoryRule& duplicate_content() {
  static const DuplicateContent rule;
  return rule;
}

}  // namespace aic::file_set_rules

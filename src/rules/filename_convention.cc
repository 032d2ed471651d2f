// AIC401 filename-convention: aiconfigurator finds a model's files only by name, so a file
// whose name is not `<org>--<model>_config.json` or `<org>--<model>_hf_quant_config.json` is
// never read.
#include <optional>
#include <string_view>

#include "rules/file_set_rules.h"
#include "rules/model_id.h"

namespace aic::file_set_rules {

namespace {

constexpr RuleInfo kInfo{
    "AIC401", "filename-convention", Severity::error,
    "file names are <org>--<model>_config.json or <org>--<model>_hf_quant_config.json",
    R"(What it checks
  Every *.json file the run sees (under a linted directory, or named on the command line) is
  named `<org>--<model>_config.json` (a model config) or `<org>--<model>_hf_quant_config.json`
  (a ModelOpt side-car), where `<org>/<model>` is the model's HuggingFace id. The suffix is split
  from the right, since model names contain '_' (Llama-3_3-Nemotron-Super-49B-v1). Both parts
  follow HuggingFace's rules: letters, digits, '-', '_' and '.'; no '--' or '..' inside; no
  leading or trailing '-' or '.'; at most 96 characters each. The message says which part is
  wrong and, where it can, the name the file should have.

Why
  aiconfigurator looks a model up by `id.replace('/', '--') + '_config.json'` (and the same for
  the side-car). A file under any other name is silently invisible: the model is unknown, or a
  side-car's quantization is lost.

Example
  model_configs/Qwen3-32B_config.json: missing the `<org>--` prefix
  model_configs/Qwen--Qwen3-32B.json: missing the `_config` suffix
  model_configs/qwen__qwen3_config.json: `--` expected between org and model, found `__`

Fix
  Rename the file after the model's HuggingFace id, e.g. `Qwen/Qwen3-32B` ->
  `Qwen--Qwen3-32B_config.json`.)"};

struct Problem {
  std::string message;
  std::string suggestion;  // a corrected file name, or ""
};

// A suffix written almost right (wrong case, '-' or '.' for '_', missing `_config`).
std::optional<Problem> suffix_problem(std::string_view name) {
  std::string lower = model_id::to_lower(name);
  auto fix = [&](std::size_t cut, std::string_view suffix, std::string what) {
    return Problem{std::move(what), std::string(name.substr(0, cut)) + std::string(suffix)};
  };
  for (std::string_view suffix : {model_id::kSideCarSuffix, model_id::kConfigSuffix}) {
    if (lower.ends_with(suffix) && lower.size() > suffix.size())
      return fix(name.size() - suffix.size(), suffix,
                 "the suffix must be written '" + std::string(suffix) + "' (lower case)");
  }
  for (std::string_view bad : {"-hf-quant-config.json", ".hf_quant_config.json", "-hf_quant_config.json",
                               "_hf_quant.json", "_quant_config.json", "_hf_quant_config.json"})
    if (lower.ends_with(bad) && lower.size() > bad.size())
      return fix(name.size() - bad.size(), model_id::kSideCarSuffix,
                 "malformed side-car suffix '" + std::string(name.substr(name.size() - bad.size())) +
                     "': expected '_hf_quant_config.json'");
  for (std::string_view bad : {"-config.json", ".config.json", "config.json"})
    if (lower.ends_with(bad) && lower.size() > bad.size())
      return fix(name.size() - bad.size(), model_id::kConfigSuffix,
                 "malformed suffix '" + std::string(name.substr(name.size() - bad.size())) +
                     "': expected '_config.json'");
  if (lower.ends_with(".json") && lower.size() > 5)
    return fix(name.size() - 5, model_id::kConfigSuffix,
               "missing the '_config' suffix: a model config is named '<org>--<model>_config.json'");
  return std::nullopt;
}

// What is wrong with `<org>--<model>`; `rebuild` turns a corrected id into a file name.
std::optional<Problem> id_problem(const std::string& id, const std::string& suffix) {
  auto parts = model_id::split(id);
  if (!parts) {
    // A '/' cannot be in a file name; '__' and a single '-' are the usual slips.
    if (std::size_t u = id.find("__"); u != std::string::npos && id.find("__", u + 2) == std::string::npos)
      return Problem{"'--' expected between org and model, found '__' in '" + id + "'",
                     id.substr(0, u) + "--" + id.substr(u + 2) + suffix};
    std::string org = model_id::usual_org(id);
    return Problem{"missing the '<org>--' prefix: '" + id +
                       "' is not a HuggingFace id '<org>/<model>' written as '<org>--<model>'",
                   org.empty() ? std::string() : org + "--" + id + suffix};
  }
  if (std::string p = model_id::part_problem(parts->org); !p.empty())
    return Problem{"the org part '" + parts->org + "' " + p, {}};
  if (std::string p = model_id::part_problem(parts->model); !p.empty())
    return Problem{"the model part '" + parts->model + "' " + p, {}};
  return std::nullopt;
}

// True when id_problem would find nothing: "<org>--<model>" before a known suffix, both parts
// well formed. The common case, answered without building any string.
bool well_formed(std::string_view name) {
  auto id = model_id::id_of_file_name(name);
  auto parts = id ? model_id::split_view(*id) : std::nullopt;
  return parts && model_id::part_problem(parts->org).empty() && model_id::part_problem(parts->model).empty();
}

class FilenameConvention : public RepositoryRule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RepositoryContext& c) const override {
    for (std::size_t i = 0; i < c.files.size(); ++i) {
      const FileSummary& f = c.files[i];
      if (!f.reported) continue;  // siblings loaded for context are not ours to judge
      if (well_formed(f.name())) continue;
      const std::string name(f.name());
      std::optional<Problem> problem;
      std::optional<std::string> id = model_id::of_file_name(name);
      if (!id) {
        problem = suffix_problem(name);
        if (!problem)
          problem = Problem{"not a model config name: expected '<org>--<model>_config.json' or "
                            "'<org>--<model>_hf_quant_config.json'",
                            {}};
        // The suggested name must itself be right.
        if (!problem->suggestion.empty()) {
          auto fixed_id = model_id::of_file_name(problem->suggestion);
          if (!fixed_id) problem->suggestion.clear();
          else if (auto more = id_problem(*fixed_id, problem->suggestion.substr(fixed_id->size()))) {
            problem->message += "; also, " + more->message;
            problem->suggestion = more->suggestion;
          }
        }
      } else {
        problem = id_problem(*id, name.substr(id->size()));
      }
      if (!problem) continue;
      Diagnostic& d = c.report(i, kInfo,
                               "'" + name + "': " + problem->message +
                                   "; aiconfigurator looks files up only by that exact name, so it never "
                                   "reads this one");
      FileDiagnostics::help(d, problem->suggestion.empty()
                                   ? "rename the file after the model's HuggingFace id: "
                                     "'<org>/<model>' -> '<org>--<model>_config.json'"
                                   : "rename it to '" + problem->suggestion + "'");
    }
  }
};

}  // namespace

const RepositoryRule& filename_convention() {
  static const FilenameConvention rule;
  return rule;
}

}  // namespace aic::file_set_rules

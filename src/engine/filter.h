#pragma once
// The one place findings are selected, ignored and re-levelled (select / ignore / severity /
// per-path overrides from the configuration file and the command line). Runs after linting,
// before reporting; rules never look at these settings.
#include <optional>
#include <string>
#include <vector>

#include "config/rule_selector.h"
#include "core/diagnostic.h"

namespace aic {

struct SeveritySetting {
  RuleSelector selector;
  std::optional<Severity> severity;  // nullopt: "off"
};

struct PathOverride {
  std::vector<std::string> files;      // globs, relative to FilterSettings::base_directory
  std::optional<std::string> pointer;  // only findings at or below this JSON pointer
  std::vector<RuleSelector> select, ignore;
  std::vector<SeveritySetting> severity;
};

struct FilterSettings {
  std::vector<RuleSelector> select;  // empty: every rule
  std::vector<RuleSelector> ignore;
  std::vector<SeveritySetting> severity;
  std::vector<PathOverride> overrides;  // in order; later ones win
  std::string base_directory;           // where override globs are rooted (the config file's dir)
  bool empty() const { return select.empty() && ignore.empty() && severity.empty() && overrides.empty(); }
};

// Removes the findings the settings turn off and applies severity changes; keeps the order.
void filter_diagnostics(std::vector<Diagnostic>& diagnostics, const FilterSettings& settings);

// True when `pointer` is `prefix` or lies below it ("/a/b" is below "/a", "/ab" is not).
bool pointer_within(std::string_view pointer, std::string_view prefix);

}  // namespace aic

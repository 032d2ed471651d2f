#include "engine/filter.h"

#include <filesystem>
#include <map>

#include "config/glob.h"

namespace fs = std::filesystem;

namespace aic {

namespace {

// select/ignore of one level: true/false when it decides, nullopt when neither list matches.
// The most specific selector wins; on a tie, ignore wins.
std::optional<bool> decide(const std::vector<RuleSelector>& select, const std::vector<RuleSelector>& ignore,
                           const Diagnostic& d) {
  int s = best_match(select, d.code, d.rule), i = best_match(ignore, d.code, d.rule);
  if (s < 0 && i < 0) return std::nullopt;
  return s > i;
}

// The most specific severity setting (the later one on a tie), if any matches.
const SeveritySetting* severity_for(const std::vector<SeveritySetting>& settings, const Diagnostic& d) {
  const SeveritySetting* best = nullptr;
  int best_score = -1;
  for (const SeveritySetting& s : settings) {
    int score = s.selector.match(d.code, d.rule);
    if (score >= 0 && score >= best_score) {
      best = &s;
      best_score = score;
    }
  }
  return best;
}

void apply_severity(const std::vector<SeveritySetting>& settings, Diagnostic& d, bool& enabled) {
  if (const SeveritySetting* s = severity_for(settings, d)) {
    if (s->severity) d.severity = *s->severity;
    else enabled = false;
  }
}

}  // namespace

bool pointer_within(std::string_view pointer, std::string_view prefix) {
  if (prefix.empty() || prefix == pointer) return true;
  return pointer.size() > prefix.size() && pointer.substr(0, prefix.size()) == prefix &&
         (prefix.back() == '/' || pointer[prefix.size()] == '/');
}

void filter_diagnostics(std::vector<Diagnostic>& diagnostics, const FilterSettings& settings) {
  if (settings.empty()) return;
  fs::path base = fs::absolute(settings.base_directory.empty() ? fs::path(".") : fs::path(settings.base_directory))
                      .lexically_normal();
  std::map<std::string, std::string> relative_paths;  // display path -> path the globs see
  auto relative = [&](const std::string& file) -> const std::string& {
    auto [it, inserted] = relative_paths.try_emplace(file);
    if (inserted) {
      fs::path rel = fs::absolute(fs::path(file)).lexically_normal().lexically_relative(base);
      it->second = rel.empty() || *rel.begin() == ".." ? fs::path(file).generic_string() : rel.generic_string();
    }
    return it->second;
  };

  std::vector<Diagnostic> kept;
  kept.reserve(diagnostics.size());
  for (Diagnostic& d : diagnostics) {
    // An empty select list means ALL (specificity 0), which any matching ignore beats or ties.
    bool enabled = settings.select.empty() ? best_match(settings.ignore, d.code, d.rule) < 0
                                           : decide(settings.select, settings.ignore, d).value_or(false);
    apply_severity(settings.severity, d, enabled);
    for (const PathOverride& o : settings.overrides) {
      if (o.pointer && !pointer_within(d.pointer, *o.pointer)) continue;
      bool file_matches = false;
      for (const std::string& glob : o.files) file_matches = file_matches || glob_match(glob, relative(d.file));
      if (!file_matches) continue;
      if (auto decision = decide(o.select, o.ignore, d)) enabled = *decision;
      apply_severity(o.severity, d, enabled);
    }
    if (enabled) kept.push_back(std::move(d));
  }
  diagnostics = std::move(kept);
}

}  // namespace aic

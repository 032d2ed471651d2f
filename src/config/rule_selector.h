#pragma once
// Rule selectors for select / ignore / severity: a code ("AIC104", any case), a name
// ("duplicate-key"), a code prefix ("AIC4", "AIC10") or "ALL". When several selectors match a
// rule, the most specific wins: an exact code or name beats a longer prefix, which beats a shorter
// one, which beats ALL.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace aic {

struct RuleSelector {
  std::string text;  // as written (for messages and --show-settings)
  // How specific a match is, or -1 when the selector does not match this rule.
  int match(std::string_view code, std::string_view name) const;
};

// Checks one selector: ALL, a known code or name, or a code prefix "AIC" + up to two digits.
// Returns an error message ("unknown rule 'AIC999'; did you mean 'AIC109'?") or nullopt.
std::optional<std::string> check_selector(std::string_view text);

// Splits "a,b, c" into selectors (empty pieces dropped).
std::vector<std::string> split_selectors(std::string_view text);

// The closest rule code or name to `text`, when one is close enough to suggest.
std::optional<std::string> closest_rule(std::string_view text);

// Most specific match of a list: the specificity, or -1 when nothing matches.
int best_match(const std::vector<RuleSelector>& list, std::string_view code, std::string_view name);

}  // namespace aic

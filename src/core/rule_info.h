#pragma once
// What every rule, including the JSON-level checks done by the parser, says about itself.
#include <string>
#include <string_view>

#include "core/diagnostic.h"

namespace aic {

struct RuleInfo {
  std::string_view code;     // stable: AIC301
  std::string_view name;     // stable, readable: architecture-registered
  Severity severity;         // default severity
  std::string_view summary;  // one line, for `aic-lint rules`
  std::string_view doc;      // what it checks, why, an example, how to fix: `aic-lint rules CODE`
};

// A finding of `rule` about `file` as a whole (no line and column).
Diagnostic file_level_diagnostic(std::string file, const RuleInfo& rule, std::string message);

}  // namespace aic

#include "core/diagnostic.h"

#include "core/rule_info.h"

#include <tuple>

namespace aic {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "info") return Severity::info;
  if (name == "warning") return Severity::warning;
  if (name == "error") return Severity::error;
  return std::nullopt;
}

Diagnostic file_level_diagnostic(std::string file, const RuleInfo& rule, std::string message) {
  Diagnostic d;
  d.file = std::move(file);
  d.severity = rule.severity;
  d.code = std::string(rule.code);
  d.rule = std::string(rule.name);
  d.message = std::move(message);
  return d;
}

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.file, a.begin.line, a.begin.column, a.code, a.message, a.pointer) <
         std::tie(b.file, b.begin.line, b.begin.column, b.code, b.message, b.pointer);
}

}  // namespace aic

#include "core/diagnostic.h"

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

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.file, a.begin.line, a.begin.column, a.code, a.message, a.pointer) <
         std::tie(b.file, b.begin.line, b.begin.column, b.code, b.message, b.pointer);
}

}  // namespace aic

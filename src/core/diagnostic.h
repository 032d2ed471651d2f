#pragma once
// A finding about an input file. Everything wrong with an input becomes one of these; nothing
// about an input is ever thrown.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aic {

enum class Severity { info = 0, warning = 1, error = 2 };

std::string_view severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view name);

// 1-based line and column; columns count Unicode code points.
struct Location {
  std::size_t line = 0;
  std::size_t column = 0;
  bool known() const { return line != 0; }
};

// A secondary message: "note: first defined here" (with a location) or "help: ..." (without).
struct Note {
  std::string kind;  // "note" or "help"
  std::string message;
  Location location;  // optional
};

struct Diagnostic {
  std::string file;  // display path
  Location begin;    // unknown (0) for whole-file findings without a position
  Location end;      // exclusive end column
  Severity severity = Severity::error;
  std::string code;     // AIC301
  std::string rule;     // architecture-registered
  std::string message;
  std::string pointer;  // RFC 6901 pointer of the value concerned ("" = whole document)
  std::vector<Note> notes;
  // Code frame: a window of the source line (control characters made visible) and the column
  // of the window's first character, so reporters need no access to the file.
  std::string snippet;
  std::size_t snippet_column = 1;
};

// Sort order of every report: file, line, column, code, message.
bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);

}  // namespace aic

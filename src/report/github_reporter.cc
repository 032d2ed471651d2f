#include "report/github_reporter.h"

#include "core/source_file.h"
#include "report/escape.h"

namespace aic {

namespace {

std::string_view command(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "notice";
  }
  return "notice";
}

// Each line made printable (no ANSI escapes or other controls reach the log), then joined with
// LF, which github_data_escape turns into %0A: the annotation shows several lines.
std::string printable_lines(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    std::size_t nl = text.find('\n', start);
    out += make_printable(text.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

}  // namespace

void GithubReporter::write(std::ostream& out, const Report& report) const {
  for (const Diagnostic& d : report.diagnostics) {
    std::string properties = "file=" + github_property_escape(make_printable(d.file));
    if (d.begin.known()) {
      properties += ",line=" + std::to_string(d.begin.line) + ",col=" + std::to_string(d.begin.column);
      if (d.end.known()) {
        properties += ",endLine=" + std::to_string(d.end.line);
        // GitHub's end column is inclusive and only meaningful on the start line.
        if (d.end.line == d.begin.line && d.end.column > d.begin.column)
          properties += ",endColumn=" + std::to_string(d.end.column - 1);
      }
    }
    properties += ",title=" + github_property_escape(make_printable(d.code + " " + d.rule));
    std::string message = d.message;
    for (const Note& n : d.notes) {
      message += "\n" + n.kind + ": " + n.message;
      if (n.location.known())
        message += " (line " + std::to_string(n.location.line) + ", column " + std::to_string(n.location.column) + ")";
    }
    out << "::" << command(d.severity) << ' ' << properties << "::" << github_data_escape(printable_lines(message))
        << '\n';
  }
}

}  // namespace aic

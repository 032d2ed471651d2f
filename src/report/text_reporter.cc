#include "report/text_reporter.h"

#include <algorithm>
#include <map>
#include <string>

#include "core/source_file.h"

namespace aic {

namespace {

struct Style {
  bool on;
  std::string operator()(std::string_view code, std::string_view text) const {
    if (!on) return std::string(text);
    return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
  }
};

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::error: return "1;31";
    case Severity::warning: return "1;35";
    case Severity::info: return "1;36";
  }
  return "1";
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

void write_frame(std::ostream& out, const Diagnostic& d, const Style& style) {
  if (!d.begin.known() || (d.snippet.empty() && d.begin.column > 1)) return;
  std::string number = std::to_string(d.begin.line);
  std::string gutter(number.size(), ' ');
  out << ' ' << style("1;34", number + " |") << ' ' << make_printable(d.snippet) << '\n';
  std::size_t start = d.begin.column >= d.snippet_column ? d.begin.column - d.snippet_column : 0;
  std::size_t width = count_code_points(d.snippet);
  std::size_t length = 1;
  if (d.end.line == d.begin.line && d.end.column > d.begin.column) length = d.end.column - d.begin.column;
  else if (width > start) length = width - start;
  length = std::max<std::size_t>(1, std::min(length, width > start ? width - start : 1));
  std::string marker(length, '~');  // (not "^" + string: GCC 12 warns falsely, bug 105329)
  marker[0] = '^';
  out << ' ' << style("1;34", gutter + " |") << ' ' << std::string(start, ' ')
      << style(severity_color(d.severity), marker) << '\n';
}

}  // namespace

void TextReporter::write(std::ostream& out, const Report& report) const {
  Style style{options_.color};
  for (const Diagnostic& d : report.diagnostics) {
    std::string where = make_printable_path(d.file) + ":";
    if (d.begin.known()) where += std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column) + ":";
    out << style("1", where) << ' ' << style(severity_color(d.severity), std::string(severity_name(d.severity)) + ":")
        << ' ' << style("1", make_printable(d.message)) << " [" << make_printable(d.code) << ' ' << make_printable(d.rule) << "]\n";
    write_frame(out, d, style);
    for (const Note& n : d.notes) {
      if (n.location.known()) {
        out << style("1", make_printable_path(d.file) + ":" + std::to_string(n.location.line) + ":" +
                              std::to_string(n.location.column) + ":")
            << ' ' << style("1;36", n.kind + ":") << ' ' << make_printable(n.message) << '\n';
      } else {
        out << "  = " << style("1;36", n.kind + ":") << ' ' << make_printable(n.message) << '\n';
      }
    }
  }
  if (options_.statistics) {
    std::map<std::pair<std::string, std::string>, std::size_t> counts;
    for (const Diagnostic& d : report.diagnostics) ++counts[{d.code, d.rule}];
    for (const auto& [key, n] : counts) out << n << '\t' << key.first << '\t' << key.second << '\n';
  }
  if (!options_.quiet) {
    SeverityCounts c = count_severities(report.diagnostics);
    out << plural(c.errors, "error") << ", " << plural(c.warnings, "warning");
    if (c.infos) out << ", " << plural(c.infos, "info");
    out << " in " << plural(report.files, "file") << '\n';
  }
}

}  // namespace aic

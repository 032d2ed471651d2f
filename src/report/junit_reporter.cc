#include "report/junit_reporter.h"

#include <algorithm>
#include <map>
#include <set>

#include "report/escape.h"

namespace aic {

namespace {

std::string where(const Diagnostic& d) {
  std::string s = d.file;
  if (d.begin.known()) s.append(":").append(std::to_string(d.begin.line)).append(":").append(std::to_string(d.begin.column));
  return s;
}

}  // namespace

void JunitReporter::write(std::ostream& out, const Report& report) const {
  // Every linted file, plus any file a finding names that the list lacks (defensive).
  std::set<std::string> files(report.file_names.begin(), report.file_names.end());
  std::map<std::string, std::vector<const Diagnostic*>> by_file;
  for (const Diagnostic& d : report.diagnostics) {
    files.insert(d.file);
    by_file[d.file].push_back(&d);
  }
  std::size_t failing = by_file.size();
  std::string counts = " tests=\"" + std::to_string(files.size()) + "\" failures=\"" + std::to_string(failing) +
                       "\" errors=\"0\" skipped=\"0\"";

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"aic-lint\"" << counts << ">\n";
  out << "  <testsuite name=\"aic-lint\"" << counts << ">\n";
  for (const std::string& file : files) {
    std::string name = xml_escape(file, true);
    out << "    <testcase classname=\"aic-lint\" name=\"" << name << "\" file=\"" << name << "\"";
    auto it = by_file.find(file);
    if (it == by_file.end()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    for (const Diagnostic* d : it->second) {
      std::string body = where(*d);
      body.append(": ").append(severity_name(d->severity)).append(": ").append(d->message);
      body.append(" [").append(d->code).append(" ").append(d->rule).append("]");
      for (const Note& n : d->notes) {
        body += "\n";
        if (n.location.known())
          body.append(d->file).append(":").append(std::to_string(n.location.line)).append(":")
              .append(std::to_string(n.location.column)).append(": ");
        else
          body.append("  = ");
        body.append(n.kind).append(": ").append(n.message);
      }
      std::string summary = std::string(severity_name(d->severity));
      summary.append(": ").append(d->message);
      out << "      <failure type=\"" << xml_escape(d->code + " " + d->rule, true) << "\" message=\""
          << xml_escape(summary, true) << "\">"
          << xml_escape(body, false) << "</failure>\n";
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n";
  out << "</testsuites>\n";
}

}  // namespace aic

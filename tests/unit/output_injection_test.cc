// Output injection: whatever a linted file contains (keys, values, its name), no report format
// may colour a terminal, start a new log line, or be read as a CI workflow command. Runs every
// format of report_formats(), so new reporters are covered as they are registered.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/rapidjson.h"
#include "core/source_file.h"
#include "core/utf8.h"
#include "report/escape.h"
#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "report/reporter.h"

namespace aic {
namespace {

namespace fs = std::filesystem;

// Text a stranger controls, in every field a reporter prints.
const std::string kPayload =
    "\x1b[31mred\x1b[0m\x1b]0;title\x07 \r\n::error::injected\n  ::set-output name=x::y\r"
    "##[set-output name=x;]v ##[error]e \xc2\x9b" "31m \xe2\x80\xae" "evil \xff\xfe\xc0\x80 %0A,:;]";

std::vector<Diagnostic> hostile_diagnostics() {
  std::vector<Diagnostic> v;
  Diagnostic d;
  d.file = "::error::" + kPayload + ".json";
  d.begin = {3, 5};
  d.end = {3, 9};
  d.severity = Severity::error;
  d.code = "AIC104";
  d.rule = "duplicate-key";
  d.message = "duplicate key '" + kPayload + "'";
  d.pointer = "/" + kPayload;
  d.notes.push_back({"note", "first defined here: " + kPayload, {2, 1}});
  d.notes.push_back({"help", kPayload, {}});
  d.snippet = "  \"" + kPayload + "\": 1,";
  v.push_back(d);
  Diagnostic w = d;  // a whole-file finding: no position, no snippet
  w.file = " \t::warning::" + kPayload;
  w.begin = {};
  w.end = {};
  w.severity = Severity::warning;
  w.snippet.clear();
  w.notes.clear();
  v.push_back(w);
  return v;
}

std::string render(const std::string& format, const std::vector<Diagnostic>& diagnostics,
                   bool color = false) {
  ReportOptions options;
  options.color = color;
  auto reporter = make_reporter(format, options);
  EXPECT_NE(reporter, nullptr) << format;
  if (!reporter) return {};
  std::ostringstream out;
  reporter->write(out, Report{diagnostics, 1});
  return out.str();
}

// Lines as GitHub's runner (.NET ReadLine) splits them: \r, \n and \r\n all end a line.
std::vector<std::string> log_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string current;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      lines.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) lines.push_back(current);
  return lines;
}

std::string trim_start(std::string_view line) {
  // .NET TrimStart also trims Unicode spaces; ASCII white space is what can reach a line start
  // here (make_printable turns other controls into visible pictures).
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\v' || line[i] == '\f')) ++i;
  return std::string(line.substr(i));
}

// The checks that hold for every format.
void expect_inert(const std::string& format, const std::string& out) {
  SCOPED_TRACE("format " + format);
  EXPECT_EQ(find_invalid_utf8(out), std::string::npos) << "output is not valid UTF-8";
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << "raw ESC in output";
  EXPECT_EQ(out.find('\x07'), std::string::npos) << "raw BEL in output";
  EXPECT_EQ(out.find('\r'), std::string::npos) << "raw CR in output";
  EXPECT_EQ(out.find("\xc2\x9b"), std::string::npos) << "raw C1 CSI in output";
  EXPECT_EQ(out.find("\xe2\x80\xae"), std::string::npos) << "raw bidi override in output";
  // XML 1.0 allows no C0 control other than tab, LF and CR, not even as a reference.
  for (const char* ref : {"&#27;", "&#x1b;", "&#x1B;", "&#x1B", "&#7;", "&#x7;"})
    EXPECT_EQ(out.find(ref), std::string::npos) << ref;
  // Allowed workflow commands: only the github format emits any, and only annotations.
  const std::set<std::string> annotation_commands = {"error", "warning", "notice", "debug",
                                                     "group", "endgroup"};
  for (const std::string& line : log_lines(out)) {
    EXPECT_EQ(line.find("##["), std::string::npos) << "legacy workflow command in: " << line;
    std::string trimmed = trim_start(line);
    if (trimmed.rfind("::", 0) != 0) continue;
    ASSERT_EQ(format, "github") << "line read as a workflow command: " << line;
    std::size_t end = trimmed.find("::", 2);
    if (end == std::string::npos) continue;  // the runner ignores it
    std::string info = trimmed.substr(2, end - 2);
    std::string name = info.substr(0, info.find(' '));
    EXPECT_TRUE(annotation_commands.count(name)) << "command '" << name << "' in: " << line;
    // Properties: only the documented ones, each once (a ',' or '::' in a file name must be
    // escaped, or it adds or cuts properties).
    if (info.find(' ') == std::string::npos) continue;
    std::set<std::string> keys;
    std::stringstream properties(info.substr(info.find(' ') + 1));
    for (std::string property; std::getline(properties, property, ',');) {
      if (property.empty()) continue;
      std::string key = trim_start(property.substr(0, property.find('=')));
      EXPECT_TRUE(std::set<std::string>({"file", "line", "endLine", "col", "endColumn", "title"})
                      .count(key))
          << "property '" << key << "' in: " << line;
      EXPECT_TRUE(keys.insert(key).second) << "repeated property '" << key << "' in: " << line;
    }
  }
}

TEST(OutputInjection, EveryFormatEscapesHostileDiagnostics) {
  auto diagnostics = hostile_diagnostics();
  ASSERT_GE(report_formats().size(), 2u);
  for (const std::string& format : report_formats()) expect_inert(format, render(format, diagnostics));
}

TEST(OutputInjection, TextColourComesOnlyFromTheReporter) {
  // With --color always the reporter's own SGR sequences are the only escapes: the payload's
  // ESC [31m is shown as a control picture, never passed through.
  std::string out = render("text", hostile_diagnostics(), /*color=*/true);
  EXPECT_EQ(out.find("\x1b[31mred"), std::string::npos);
  EXPECT_EQ(out.find("\x1b]0;"), std::string::npos);
  EXPECT_NE(out.find("\xe2\x90\x9b[31mred"), std::string::npos);  // U+241B SYMBOL FOR ESCAPE
}

TEST(OutputInjection, TextKeepsOneLinePerFindingAndShowsWhatWasEscaped) {
  std::string out = render("text", hostile_diagnostics());
  auto lines = log_lines(out);
  // Finding 1: header, snippet, caret, note, help; finding 2: header; summary.
  EXPECT_EQ(lines.size(), 7u) << out;
  EXPECT_EQ(lines[0].rfind("./::error::", 0), 0u) << lines[0];
  EXPECT_NE(out.find("\xe2\x90\x8d\xe2\x90\x8a::error::injected"), std::string::npos);  // CR LF pictures
  EXPECT_NE(out.find("##\xe2\x81\x85set-output"), std::string::npos);  // "##[" defused visibly
}

TEST(OutputInjection, JsonIsValidAsciiAndLossless) {
  auto diagnostics = hostile_diagnostics();
  std::string out = render("json", diagnostics);
  for (unsigned char c : out) ASSERT_LT(c, 0x80) << "non-ASCII byte in JSON output";
  rapidjson::Document doc;
  doc.Parse(out.c_str(), out.size());
  ASSERT_FALSE(doc.HasParseError()) << out;
  const auto& d = doc["diagnostics"][0];
  // Decoded, the strings are the originals (invalid bytes as U+FFFD): escaping lost nothing else.
  EXPECT_EQ(std::string(d["message"].GetString(), d["message"].GetStringLength()),
            valid_utf8(diagnostics[0].message));
  EXPECT_EQ(std::string(d["pointer"].GetString(), d["pointer"].GetStringLength()),
            valid_utf8(diagnostics[0].pointer));
  EXPECT_EQ(std::string(d["notes"][1]["message"].GetString()), valid_utf8(kPayload));
}

TEST(OutputInjection, HostileFileThroughThePipelineInEveryFormat) {
  char tmpl[] = "/tmp/aic-lint-test-XXXXXX";
  fs::path dir = ::mkdtemp(tmpl);
  // Keys with escapes (decoded by the parser), a raw invalid byte, and a file name that is a
  // workflow command.
  std::ofstream(dir / "::error::x_config.json", std::ios::binary)
      << "{\"\\u001b[31m\\r\\n::set-output name=a::b\": 1, \"\\u001b[31m\\r\\n::set-output name=a::b\": 2,\n"
         " \"##[error]k\": \"\\u009b\\u202e\", \"##[error]k\": 3, \"v\xff\": 1}";
  LintResult result = lint_paths({dir.string()}, LintOptions{}, load_lint_data({}));
  fs::remove_all(dir);
  ASSERT_GE(result.diagnostics.size(), 3u);
  for (const std::string& format : report_formats()) {
    std::ostringstream out;
    make_reporter(format, {})->write(out, Report{result.diagnostics, result.files});
    expect_inert(format, out.str());
  }
}

// make_printable keeps text as it is exactly when every byte is printable ASCII (its fast check
// reads eight bytes a step): every byte value, at every position of the word and the tail.
TEST(OutputInjection, OnlyPrintableAsciiIsKeptAsItIs) {
  for (int b = 0; b < 256; ++b) {
    bool printable = b >= 0x20 && b < 0x7F;
    for (std::size_t length : {1u, 7u, 8u, 9u, 17u})
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'a');
        text[at] = static_cast<char>(b);
        EXPECT_EQ(make_printable(text) == text, printable) << "byte " << b << " at " << at << " of " << length;
      }
  }
}

TEST(OutputInjection, PrintablePathNeverStartsACommand) {
  EXPECT_EQ(make_printable_path("::error::a.json"), "./::error::a.json");
  EXPECT_EQ(make_printable_path("  ::error::a.json"), "./  ::error::a.json");
  EXPECT_EQ(make_printable_path("a::error::b.json"), "a::error::b.json");
  EXPECT_EQ(make_printable("a##[b"), "a##\xe2\x81\x85" "b");
  EXPECT_EQ(make_printable("a#[b"), "a#[b");
  // Bytes F5..FF never start a UTF-8 sequence (found by the fuzzer: FE BE BE was copied through).
  for (const char* bad : {"\xfe\xbe\xbe", "\xf5\x80\x80\x80", "\xff\xbf\xbf"})
    EXPECT_EQ(find_invalid_utf8(make_printable(bad)), std::string::npos) << bad;
  // Idempotent, so reporters may apply it again to already printable text.
  std::string once = make_printable(kPayload);
  EXPECT_EQ(make_printable(once), once);
}

}  // namespace
}  // namespace aic

// Every reporter against the same sample diagnostics, compared exactly with golden files in
// tests/report/ (AIC_UPDATE_GOLDEN=1 rewrites them from the current build: review the diff).
// The samples carry hostile text: newlines, workflow commands, ANSI escapes, %, <, &, commas and
// colons in paths, invalid UTF-8 and non-ASCII.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/rapidjson.h"
#include "report/escape.h"
#include "report/reporter.h"
#include "report/sarif_reporter.h"

namespace fs = std::filesystem;

namespace aic {
namespace {

const RuleInfo kRule104{"AIC104", "duplicate-key", Severity::error, "Duplicate key in an object",
                        "What it checks: a key defined twice.\nFix: keep \"one\" <definition> & move on."};
const RuleInfo kRule201{"AIC201", "schema-type", Severity::warning, "Value of the wrong type", "Types matter."};
const RuleInfo kRule401{"AIC401", "file-name", Severity::info, "File name pattern", "Name files <org>--<model>_config.json."};
const std::vector<const RuleInfo*> kRules = {&kRule104, &kRule201, &kRule401};

Diagnostic make(std::string file, std::size_t line, std::size_t col, std::size_t end_line, std::size_t end_col,
                Severity severity, std::string code, std::string rule, std::string message,
                std::string pointer = "") {
  Diagnostic d;
  d.file = std::move(file);
  d.begin = {line, col};
  d.end = {end_line, end_col};
  d.severity = severity;
  d.code = std::move(code);
  d.rule = std::move(rule);
  d.message = std::move(message);
  d.pointer = std::move(pointer);
  return d;
}

// Sorted as the linter sorts: file, line, column, code.
std::vector<Diagnostic> samples() {
  std::vector<Diagnostic> v;
  v.push_back(make("/elsewhere/x_config.json", 1, 1, 1, 2, Severity::error, "AIC101", "syntax",
                   "a file outside the working directory"));
  v.push_back(make("/repo/model_configs/abs_config.json", 3, 7, 3, 9, Severity::warning, "AIC201", "schema-type",
                   "absolute path inside the base directory", "/num_hidden_layers"));
  Diagnostic dup = make("model_configs/Qwen--Qwen3-8B_config.json", 24, 3, 24, 28, Severity::error, "AIC104",
                        "duplicate-key",
                        "duplicate key 'max_position_embeddings': aiconfigurator's loader silently keeps this "
                        "last value",
                        "/max_position_embeddings");
  dup.snippet = "  \"max_position_embeddings\": 4096,";
  dup.notes.push_back({"note", "'max_position_embeddings' was first defined here", {13, 3}});
  dup.notes.push_back({"help", "keep one definition with the intended value", {}});
  v.push_back(dup);
  Diagnostic evil = make("model_configs/Qwen--Qwen3-8B_config.json", 30, 5, 30, 20, Severity::warning, "AIC201",
                         "schema-type",
                         "key 'x\n::set-output name=pwned::1' is \x1b[31mred\x1b[0m, 100% <b>&amp;</b> "
                         "na\xC3\xAFve \xE6\x97\xA5\xE6\x9C\xAC \"quoted\"\r\n::error::injected",
                         "/text_config/x\n::set-output name=pwned::1");
  evil.notes.push_back({"help", "rename it: 'a,b:c' %0A", {}});
  v.push_back(evil);
  v.push_back(make("model_configs/b_config.json", 2, 1, 5, 2, Severity::error, "AIC999", "not-in-rule-list",
                   std::string("invalid byte \xFF here,\ttab and \x01 control and \x7F delete")));
  v.push_back(make("model_configs/we,ird:name %.json", 0, 0, 0, 0, Severity::info, "AIC401", "file-name",
                   "file name 'we,ird:name %.json' does not end in _config.json"));
  return v;
}

std::string render(const std::string& format) {
  std::vector<Diagnostic> diagnostics = samples();
  ReportOptions options;
  options.base_directory = "/repo";
  options.rules = &kRules;
  auto reporter = make_reporter(format, options);
  EXPECT_NE(reporter, nullptr) << format;
  if (!reporter) return {};
  Report report{diagnostics, 6,
                {"/elsewhere/x_config.json", "/repo/model_configs/abs_config.json",
                 "model_configs/Qwen--Qwen3-8B_config.json", "model_configs/b_config.json",
                 "model_configs/clean_config.json", "model_configs/we,ird:name %.json"}};
  std::ostringstream out;
  reporter->write(out, report);
  // Independent of the release: the version and home page are placeholders in the golden files.
  std::string text = out.str();
  for (auto [value, placeholder] : {std::pair<std::string, std::string>{AIC_VERSION, "@VERSION@"},
                                    std::pair<std::string, std::string>{AIC_HOMEPAGE, "@HOMEPAGE@"}}) {
    for (std::size_t at = text.find("\"" + value + "\""); at != std::string::npos;
         at = text.find("\"" + value + "\"", at + 1))
      text.replace(at + 1, value.size(), placeholder);
  }
  return text;
}

void compare_golden(const std::string& format, const std::string& extension) {
  fs::path path = fs::path(AIC_SOURCE_DIR) / "tests" / "report" / ("expected." + extension);
  std::string actual = render(format);
  if (std::getenv("AIC_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (AIC_UPDATE_GOLDEN=1 creates it)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "format " << format << " differs from " << path;
}

TEST(Reporters, TextGolden) { compare_golden("text", "txt"); }
TEST(Reporters, JsonGolden) { compare_golden("json", "json"); }
TEST(Reporters, SarifGolden) { compare_golden("sarif", "sarif"); }
TEST(Reporters, GithubGolden) { compare_golden("github", "github.txt"); }
TEST(Reporters, JunitGolden) { compare_golden("junit", "junit.xml"); }

TEST(Reporters, EveryFormatIsRegistered) {
  for (const std::string& f : report_formats()) EXPECT_NE(make_reporter(f, {}), nullptr) << f;
  EXPECT_EQ(make_reporter("xml", {}), nullptr);
}

TEST(Reporters, SarifIsValidJsonWithRegions) {
  std::string text = render("sarif");
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  ASSERT_FALSE(doc.HasParseError());
  const auto& run = doc["runs"][0];
  EXPECT_STREQ(run["columnKind"].GetString(), "unicodeCodePoints");
  EXPECT_EQ(run["tool"]["driver"]["rules"].Size(), kRules.size());
  const auto& results = run["results"];
  ASSERT_EQ(results.Size(), samples().size());
  // Outside the base: absolute file URI, no base id. Inside: relative, SRCROOT.
  const auto& outside = results[0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_STREQ(outside["uri"].GetString(), "file:///elsewhere/x_config.json");
  EXPECT_FALSE(outside.HasMember("uriBaseId"));
  const auto& inside = results[1]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_STREQ(inside["uri"].GetString(), "model_configs/abs_config.json");
  EXPECT_STREQ(inside["uriBaseId"].GetString(), "SRCROOT");
  EXPECT_EQ(results[2]["ruleIndex"].GetUint(), 0u);
  EXPECT_FALSE(results[4].HasMember("ruleIndex"));  // AIC999 is not in the rule list
  EXPECT_FALSE(results[5]["locations"][0]["physicalLocation"].HasMember("region"));
  EXPECT_STREQ(results[5]["level"].GetString(), "note");
  EXPECT_STREQ(results[5]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].GetString(),
               "model_configs/we%2Cird%3Aname%20%25.json");
}

TEST(Reporters, GithubCommandsCannotBeInjected) {
  std::string text = render("github");
  std::istringstream lines(text);
  std::string line;
  std::size_t count = 0;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_TRUE(line.rfind("::error ", 0) == 0 || line.rfind("::warning ", 0) == 0 ||
                line.rfind("::notice ", 0) == 0)
        << line;
    EXPECT_EQ(line.find('\r'), std::string::npos);
    EXPECT_EQ(line.find('\x1b'), std::string::npos);
  }
  EXPECT_EQ(count, samples().size());
  EXPECT_NE(text.find("file=model_configs/we%2Cird%3Aname %25.json,title=AIC401 file-name::"), std::string::npos);
}

TEST(Reporters, JunitHasOneCasePerFileAndNoControlCharacters) {
  std::string text = render("junit");
  EXPECT_NE(text.find("tests=\"6\" failures=\"5\""), std::string::npos);
  EXPECT_NE(text.find("<testcase classname=\"aic-lint\" name=\"model_configs/clean_config.json\" "
                      "file=\"model_configs/clean_config.json\"/>"),
            std::string::npos);
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 || c == '\n' || c == '\t') << "control character " << int(u);
  }
  EXPECT_EQ(text.find("\xFF"), std::string::npos);
}

TEST(Escape, GithubAndUri) {
  EXPECT_EQ(github_data_escape("50%\r\n::x"), "50%25%0D%0A::x");
  EXPECT_EQ(github_property_escape("a,b:c%"), "a%2Cb%3Ac%25");
  EXPECT_EQ(uri_escape_path("dir/a b#?.json"), "dir/a%20b%23%3F.json");
  EXPECT_EQ(xml_escape("<a href=\"x\">&\x01</a>", true), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(valid_utf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

}  // namespace
}  // namespace aic

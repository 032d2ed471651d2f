// Rule fixtures: tests/rules/<CODE>/<scenario>/ is a small model_configs directory, and
// <scenario>/expected.txt lists exactly the diagnostics of rule CODE that linting it must give,
// one per line: "<file>:<line>:<col>: <severity>: <message>" (line:col omitted for whole-file
// findings). A scenario whose expected.txt is empty must pass the rule. Other rules' findings are
// ignored here. AIC_UPDATE_FIXTURES=1 rewrites expected.txt from the current build (review it!).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "rules/registry.h"

namespace aic {
namespace {

namespace fs = std::filesystem;

fs::path fixtures_root() { return fs::path(AIC_SOURCE_DIR) / "tests" / "rules"; }

std::string format_line(const Diagnostic& d, const fs::path& scenario) {
  std::string file = fs::path(d.file).lexically_relative(scenario).generic_string();
  std::string where = file + ":";
  if (d.begin.known()) where += std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column) + ":";
  return where + " " + std::string(severity_name(d.severity)) + ": " + d.message;
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

const LintData& data() {
  static const LintData d = load_lint_data({});
  return d;
}

TEST(RuleFixtures, EveryScenarioGivesExactlyItsExpectedDiagnostics) {
  if (!fs::is_directory(fixtures_root())) GTEST_SKIP() << "no tests/rules directory";
  bool update = std::getenv("AIC_UPDATE_FIXTURES") != nullptr;
  std::size_t scenarios = 0;
  std::vector<fs::path> rule_dirs;
  for (const auto& e : fs::directory_iterator(fixtures_root()))
    if (e.is_directory()) rule_dirs.push_back(e.path());
  std::sort(rule_dirs.begin(), rule_dirs.end());
  for (const fs::path& rule_dir : rule_dirs) {
    std::string code = rule_dir.filename().string();
    std::vector<fs::path> scenario_dirs;
    for (const auto& e : fs::directory_iterator(rule_dir))
      if (e.is_directory()) scenario_dirs.push_back(e.path());
    std::sort(scenario_dirs.begin(), scenario_dirs.end());
    for (const fs::path& scenario : scenario_dirs) {
      ++scenarios;
      LintOptions options;
      options.jobs = 1;
      LintResult result = lint_paths({scenario.string()}, options, data());
      std::vector<std::string> actual;
      for (const Diagnostic& d : result.diagnostics)
        if (d.code == code) actual.push_back(format_line(d, scenario));
      fs::path expected_file = scenario / "expected.txt";
      if (update) {
        std::ofstream out(expected_file);
        for (const auto& line : actual) out << line << '\n';
      }
      EXPECT_EQ(read_lines(expected_file), actual)
          << "fixture " << code << "/" << scenario.filename().string();
    }
  }
  EXPECT_GT(scenarios, 0u);
}

// Every rule has documentation, a unique code and name, and fixtures: at least one scenario
// that must pass and one that must fail.
TEST(RuleFixtures, EveryRuleHasDocsAndFixtures) {
  std::map<std::string, int> codes, names;
  for (const RuleInfo* info : all_rule_infos()) {
    SCOPED_TRACE(std::string(info->code));
    EXPECT_EQ(++codes[std::string(info->code)], 1) << "duplicate code";
    EXPECT_EQ(++names[std::string(info->name)], 1) << "duplicate name";
    EXPECT_GT(info->doc.size(), 80u) << "documentation too short";
    EXPECT_NE(info->doc.find("Fix"), std::string_view::npos) << "doc must say how to fix";
    fs::path dir = fixtures_root() / std::string(info->code);
    // A check that fixtures cannot express (a FIFO, an unreadable file as root) names the unit
    // test that covers it in TESTED_IN, and that test must mention the code.
    if (fs::exists(dir / "TESTED_IN")) {
      std::string line = read_lines(dir / "TESTED_IN").at(0);
      fs::path test = fs::path(AIC_SOURCE_DIR) / line.substr(0, line.find(' '));
      std::ifstream in(test);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      EXPECT_NE(text.find(std::string(info->code)), std::string::npos)
          << test << " (named in TESTED_IN) must test " << info->code;
      continue;
    }
    bool passing = false, failing = false;
    if (fs::is_directory(dir)) {
      for (const auto& e : fs::directory_iterator(dir)) {
        if (!e.is_directory()) continue;
        bool empty = read_lines(e.path() / "expected.txt").empty();
        (empty ? passing : failing) = true;
      }
    }
    EXPECT_TRUE(passing) << "no passing fixture under tests/rules/" << info->code;
    EXPECT_TRUE(failing) << "no failing fixture under tests/rules/" << info->code;
  }
}

}  // namespace
}  // namespace aic

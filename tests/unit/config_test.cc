// Globs, rule selectors, the diagnostic filter and the configuration file loader.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "config/config_file.h"
#include "config/glob.h"
#include "config/rule_selector.h"
#include "core/errors.h"
#include "engine/filter.h"

namespace fs = std::filesystem;

namespace aic {
namespace {

TEST(Glob, SegmentsAndGlobstar) {
  EXPECT_TRUE(glob_match("model_configs/*.json", "model_configs/a_config.json"));
  EXPECT_FALSE(glob_match("model_configs/*.json", "model_configs/sub/a_config.json"));
  EXPECT_TRUE(glob_match("model_configs/**/*.json", "model_configs/a.json"));  // **/ matches no dir
  EXPECT_TRUE(glob_match("model_configs/**/*.json", "model_configs/x/y/a.json"));
  EXPECT_TRUE(glob_match("**", "a/b/c"));
  EXPECT_TRUE(glob_match("*_config.json", "deep/dir/Qwen--x_config.json"));  // no '/': the file name
  EXPECT_FALSE(glob_match("*_config.json", "deep/dir/Qwen--x_hf_quant.json"));
  EXPECT_TRUE(glob_match("model_configs/Qwen--Qwen3-?B_config.json", "model_configs/Qwen--Qwen3-8B_config.json"));
  EXPECT_FALSE(glob_match("a?b", "a/b"));
  EXPECT_TRUE(glob_match("[Qq]wen*", "qwen3.json"));
  EXPECT_FALSE(glob_match("[!Q]wen*", "Qwen3.json"));
  EXPECT_TRUE(glob_match("./model_configs/*", "model_configs/x"));
  EXPECT_TRUE(glob_match("/model_configs/*", "model_configs/x"));
}

TEST(RuleSelector, SpecificityAndValidation) {
  RuleSelector all{"ALL"}, prefix{"AIC1"}, longer{"AIC10"}, code{"aic104"}, name{"duplicate-key"};
  EXPECT_EQ(all.match("AIC104", "duplicate-key"), 0);
  EXPECT_LT(prefix.match("AIC104", "duplicate-key"), longer.match("AIC104", "duplicate-key"));
  EXPECT_LT(longer.match("AIC104", "duplicate-key"), code.match("AIC104", "duplicate-key"));
  EXPECT_EQ(code.match("AIC104", "x"), name.match("AIC999", "duplicate-key"));
  EXPECT_EQ(prefix.match("AIC204", "x"), -1);
  EXPECT_FALSE(check_selector("AIC4"));  // a prefix is valid even before its rules exist
  EXPECT_FALSE(check_selector("duplicate-key"));
  EXPECT_FALSE(check_selector("all"));
  auto error = check_selector("duplicat-key");
  ASSERT_TRUE(error);
  EXPECT_EQ(*error, "unknown rule 'duplicat-key'; did you mean 'duplicate-key'?");
  EXPECT_TRUE(check_selector("AIC1044"));
  EXPECT_EQ(split_selectors(" AIC1, ,duplicate-key,"), (std::vector<std::string>{"AIC1", "duplicate-key"}));
}

Diagnostic finding(std::string file, std::string code, std::string rule, std::string pointer = "") {
  Diagnostic d;
  d.file = std::move(file);
  d.code = std::move(code);
  d.rule = std::move(rule);
  d.pointer = std::move(pointer);
  d.severity = Severity::warning;
  return d;
}

std::vector<std::string> codes(const std::vector<Diagnostic>& v) {
  std::vector<std::string> out;
  for (const auto& d : v) out.push_back(d.code + "@" + d.file + (d.severity == Severity::error ? "!" : ""));
  return out;
}

TEST(Filter, MostSpecificSelectorWins) {
  std::vector<Diagnostic> v = {finding("a.json", "AIC104", "duplicate-key"), finding("a.json", "AIC109", "nan-infinity"),
                               finding("a.json", "AIC401", "filename-convention")};
  FilterSettings s;
  s.select = {{"AIC1"}};
  s.ignore = {{"AIC10"}};
  s.severity = {{{"AIC1"}, Severity::error}, {{"nan-infinity"}, std::nullopt}};
  auto copy = v;
  filter_diagnostics(copy, s);
  EXPECT_TRUE(copy.empty()) << ::testing::PrintToString(codes(copy));  // 104 ignored (AIC10 > AIC1), 109 off

  s = {};
  s.ignore = {{"AIC1"}};
  s.select = {{"AIC109"}};  // exact code beats the prefix
  copy = v;
  filter_diagnostics(copy, s);
  EXPECT_EQ(codes(copy), (std::vector<std::string>{"AIC109@a.json"}));
}

TEST(Filter, OverridesByPathAndPointer) {
  std::vector<Diagnostic> v = {finding("cfg/model_configs/a_config.json", "AIC109", "nan-infinity", "/text_config/x"),
                               finding("cfg/model_configs/a_config.json", "AIC109", "nan-infinity", "/text_configx"),
                               finding("cfg/other/b_config.json", "AIC109", "nan-infinity", "/text_config")};
  FilterSettings s;
  s.base_directory = "cfg";
  PathOverride o;
  o.files = {"model_configs/**"};
  o.pointer = "/text_config";
  o.ignore = {{"ALL"}};
  PathOverride raise;
  raise.files = {"b_config.json"};
  raise.severity = {{{"AIC109"}, Severity::error}};
  s.overrides = {o, raise};
  filter_diagnostics(v, s);
  EXPECT_EQ(codes(v), (std::vector<std::string>{"AIC109@cfg/model_configs/a_config.json", "AIC109@cfg/other/b_config.json!"}));
  EXPECT_TRUE(pointer_within("/a/b", "/a"));
  EXPECT_FALSE(pointer_within("/ab", "/a"));
  EXPECT_TRUE(pointer_within("", ""));
}

class ConfigFileTest : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("aic-config-test-" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::string write(const std::string& text) {
    fs::path p = dir / ".aic-lint.json";
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

TEST_F(ConfigFileTest, LoadsAndResolvesPathsAgainstItsDirectory) {
  ConfigFile c = load_config_file(write(R"({"select": ["AIC1"], "registry": "data/r.json",
      "format": ["text", "sarif:out/a.sarif"], "severity": {"AIC104": "off"},
      "overrides": [{"files": "*.json", "ignore": ["AIC109"]}]})"));
  ASSERT_TRUE(c.select);
  EXPECT_EQ(c.select->at(0).text, "AIC1");
  EXPECT_EQ(*c.registry, (dir / "data/r.json").string());
  EXPECT_EQ(c.formats->at(1), "sarif:" + (dir / "out/a.sarif").string());
  ASSERT_EQ(c.severity.size(), 1u);
  EXPECT_FALSE(c.severity[0].severity);  // off
  EXPECT_EQ(c.overrides.at(0).files.at(0), "*.json");
}

TEST_F(ConfigFileTest, ErrorsCarryLineAndColumn) {
  std::string path = write("{\n  \"fail-on\": \"warn\",\n  \"ignore\": [\"duplicat-key\"]\n}\n");
  try {
    load_config_file(path);
    FAIL() << "no error";
  } catch (const PositionedError& e) {
    std::string text = e.what();
    EXPECT_NE(text.find(path + ":2:14: error: 'fail-on' must be one of"), std::string::npos) << text;
    EXPECT_NE(text.find(path + ":3:14: error: unknown rule 'duplicat-key'; did you mean 'duplicate-key'?"),
              std::string::npos)
        << text;
  }
}

}  // namespace
}  // namespace aic

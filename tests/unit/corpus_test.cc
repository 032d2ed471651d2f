// The real corpus: aiconfigurator loads every one of these files, so aic-lint must report no
// error, and every other finding must be one listed (with its reason) in
// tests/corpus/expected_findings.tsv.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "engine/lint_data_loader.h"
#include "engine/linter.h"

namespace aic {
namespace {

namespace fs = std::filesystem;

using Finding = std::tuple<std::string, std::string, std::string>;  // path, code, pointer

std::set<Finding> expected_findings() {
  std::set<Finding> out;
  std::ifstream in(std::string(AIC_SOURCE_DIR) + "/tests/corpus/expected_findings.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string path, code, pointer;
    std::getline(fields, path, '\t');
    std::getline(fields, code, '\t');
    std::getline(fields, pointer, '\t');
    out.insert({path, code, pointer});
  }
  return out;
}

TEST(RealCorpus, NoErrorsAndOnlyListedWarnings) {
  fs::path corpus = fs::path(AIC_SHARED_DIR) / "corpus";
  if (!fs::is_directory(corpus / "model_configs"))
    GTEST_SKIP() << "SKIPPED: the real corpus is not at " << corpus
                 << " (it is in CI, beside the clone); this test did not run";
  std::vector<std::string> paths = {(corpus / "model_configs").string(), (corpus / "history").string()};
  LintResult result = lint_paths(paths, LintOptions{}, load_lint_data({}));
  EXPECT_EQ(result.files, 134u);

  std::set<Finding> actual;
  for (const Diagnostic& d : result.diagnostics) {
    std::string path = fs::path(d.file).lexically_relative(corpus).generic_string();
    EXPECT_NE(d.severity, Severity::error) << path << ":" << d.begin.line << ":" << d.begin.column
                                           << ": " << d.message << " [" << d.code << "]";
    actual.insert({path, d.code, d.pointer});
  }
  std::set<Finding> expected = expected_findings();
  for (const auto& f : actual)
    EXPECT_TRUE(expected.count(f)) << "unlisted finding: " << std::get<0>(f) << " " << std::get<1>(f)
                                   << " " << std::get<2>(f);
  for (const auto& f : expected)
    EXPECT_TRUE(actual.count(f)) << "listed but not reported: " << std::get<0>(f) << " "
                                 << std::get<1>(f) << " " << std::get<2>(f);
}

}  // namespace
}  // namespace aic

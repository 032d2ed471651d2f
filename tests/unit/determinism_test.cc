// The same input gives byte-identical output in every format, across runs and --jobs, and
// whichever way the front end indexes values (full pass, fast path, lazily).
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "report/reporter.h"

namespace aic {
namespace {

namespace fs = std::filesystem;

std::string report_all(const std::string& dir, unsigned jobs, LintOptions options = {}) {
  options.jobs = jobs;
  LintResult r = lint_paths({dir}, options, load_lint_data({}));
  std::string all;
  for (const std::string& format : report_formats()) {
    std::ostringstream out;
    make_reporter(format, {})->write(out, Report{r.diagnostics, r.files, r.file_names});
    all += "=== " + format + "\n" + out.str();
  }
  return all;
}

void expect_deterministic(const std::string& dir) {
  std::string first = report_all(dir, 1);
  ASSERT_NE(first.find("=== json"), std::string::npos);
  for (unsigned jobs : {1u, 2u, 8u})
    for (int run = 0; run < 2; ++run)
      ASSERT_EQ(report_all(dir, jobs), first) << dir << " with --jobs " << jobs << ", run " << run;
}

TEST(Determinism, ExamplesGiveIdenticalOutputAcrossRunsAndJobs) {
  expect_deterministic(std::string(AIC_SOURCE_DIR) + "/examples/model_configs");
}

TEST(Determinism, RealCorpusGivesIdenticalOutputAcrossRunsAndJobs) {
  fs::path corpus = fs::path(AIC_SHARED_DIR) / "corpus";
  if (!fs::is_directory(corpus / "model_configs"))
    GTEST_SKIP() << "SKIPPED: no real corpus at " << corpus << " (see README, Development)";
  expect_deterministic((corpus / "model_configs").string());
  expect_deterministic(corpus.string());  // history/ too: many files per directory
}

// Every anchor of every finding (rules, schema, JSON level) is found in the node index; with
// max_indexed_children 1, every container with two children or more is indexed lazily, so each
// anchor inside one is found by lazy indexing, and must be where the full pass puts it.
TEST(Determinism, LazyIndexingGivesTheFullPassReport) {
  LintOptions full, lazy;
  full.parse.fast_path = false;
  lazy.parse.max_indexed_children = 1;
  std::vector<std::string> dirs{std::string(AIC_SOURCE_DIR) + "/examples/model_configs",
                                std::string(AIC_SOURCE_DIR) + "/tests/rules"};
  if (fs::path corpus = fs::path(AIC_SHARED_DIR) / "corpus/model_configs"; fs::is_directory(corpus))
    dirs.push_back(corpus.string());
  for (const std::string& dir : dirs) {
    std::string expected = report_all(dir, 2, full);
    ASSERT_NE(expected.find("=== json"), std::string::npos);
    EXPECT_EQ(report_all(dir, 2, lazy), expected) << dir;
    EXPECT_EQ(report_all(dir, 2), expected) << dir;
  }
}

}  // namespace
}  // namespace aic

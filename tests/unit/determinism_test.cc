// The same input gives byte-identical output in every format, across runs and --jobs.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "report/reporter.h"

namespace aic {
namespace {

namespace fs = std::filesystem;

std::string report_all(const std::string& dir, unsigned jobs) {
  LintOptions options;
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

}  // namespace
}  // namespace aic

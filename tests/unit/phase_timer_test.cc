// AIC_LINT_TIMINGS prints each phase of a run to stderr; unset, nothing.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <string>

#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "engine/phase_timer.h"

namespace aic {
namespace {

std::string timings_of_a_run(const char* setting) {
  if (setting) ::setenv("AIC_LINT_TIMINGS", setting, 1);
  else ::unsetenv("AIC_LINT_TIMINGS");
  ::testing::internal::CaptureStderr();
  {
    PhaseTimer timer;
    LintOptions options;
    options.timer = &timer;
    lint_paths({std::string(AIC_SOURCE_DIR) + "/examples/model_configs"}, options, load_lint_data({}));
  }
  ::unsetenv("AIC_LINT_TIMINGS");
  return ::testing::internal::GetCapturedStderr();
}

TEST(PhaseTimer, PrintsEveryPhaseInOrderWhenAsked) {
  std::string out = timings_of_a_run("1");
  std::size_t at = out.find("aic-lint: timings (ms)");
  ASSERT_NE(at, std::string::npos) << out;
  for (const char* phase : {"walk", "prepare", "files", "content identity", "repository rules",
                            "merge and sort", "total"}) {
    std::size_t next = out.find("\n  " + std::string(phase) + " ", at);
    EXPECT_NE(next, std::string::npos) << phase << " in\n" << out;
    at = next == std::string::npos ? at : next;
  }
}

TEST(PhaseTimer, SilentByDefault) {
  EXPECT_EQ(timings_of_a_run(nullptr), "");
  EXPECT_EQ(timings_of_a_run("0"), "");
}

}  // namespace
}  // namespace aic

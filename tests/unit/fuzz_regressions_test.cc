// Every input the fuzzer ever broke (fuzz/regressions/), replayed through the same pipeline and
// output checks as the fuzz target, in the normal and the sanitizer builds.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../fuzz/one_input.h"

namespace aic {
namespace {

namespace fs = std::filesystem;

TEST(FuzzRegressions, EveryKeptCrasherLintsAndReportsCleanly) {
  fs::path dir = fs::path(AIC_SOURCE_DIR) / "fuzz" / "regressions";
  std::size_t replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    EXPECT_EQ(fuzz::lint_one_input(bytes.str()), "") << entry.path();
    ++replayed;
  }
  EXPECT_GT(replayed, 0u) << "no regression inputs in " << dir;
}

TEST(FuzzRegressions, TheOutputChecksCatchWhatTheyClaim) {
  EXPECT_EQ(fuzz::check_output("text", "a.json:1:1: error: x\n"), "");
  EXPECT_NE(fuzz::check_output("text", "x\n  ::error::y\n"), "");
  EXPECT_EQ(fuzz::check_output("github", "::error file=a::y\n"), "");
  EXPECT_NE(fuzz::check_output("json", "\"a ##[error]b\"\n"), "");
  EXPECT_NE(fuzz::check_output("json", "\"\xff\"\n"), "");
  EXPECT_NE(fuzz::check_output("junit", "a\rb\n"), "");
}

}  // namespace
}  // namespace aic

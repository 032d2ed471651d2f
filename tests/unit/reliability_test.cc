// Hostile and odd inputs: every one is a diagnostic, never a crash, a hang or a read outside.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/lint_data_loader.h"
#include "engine/linter.h"

namespace aic {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/aic-lint-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
  }
};

std::vector<std::string> codes(const LintResult& r) {
  std::vector<std::string> v;
  for (const auto& d : r.diagnostics) v.push_back(d.code);
  return v;
}

TEST(Reliability, FifoIsReportedNotOpened) {  // AIC003
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir.path / "Qwen--Qwen3-8B_config.json").c_str(), 0644), 0);
  LintResult r = lint_paths({dir.path.string()}, LintOptions{}, load_lint_data({}));
  EXPECT_EQ(codes(r), std::vector<std::string>{"AIC003"});
  // Named explicitly, too.
  r = lint_paths({(dir.path / "Qwen--Qwen3-8B_config.json").string()}, LintOptions{}, load_lint_data({}));
  EXPECT_EQ(codes(r), std::vector<std::string>{"AIC003"});
}

TEST(Reliability, FileOverTheSizeLimitIsNotRead) {  // AIC002
  TempDir dir;
  dir.write("Qwen--Qwen3-8B_config.json", "{\"architectures\": [\"x\"], \"pad\": \"" + std::string(5000, 'a') + "\"}");
  LintOptions options;
  options.max_file_size = 1024;
  LintResult r = lint_paths({dir.path.string()}, options, load_lint_data({}));
  ASSERT_EQ(codes(r), std::vector<std::string>{"AIC002"});
  EXPECT_NE(r.diagnostics[0].message.find("over the limit of 1024 bytes"), std::string::npos);
}

TEST(Reliability, FileThatVanishesIsUnreadable) {  // AIC001
  TempDir dir;
  WalkEntry entry{(dir.path / "gone_config.json").string(), "gone_config.json", 10, "", std::nullopt};
  FileSummary summary;
  auto diagnostics = lint_file(entry, LintOptions{}, load_lint_data({}), summary);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "AIC001");
  EXPECT_NE(diagnostics[0].message.find("No such file"), std::string::npos);
}

TEST(Reliability, DirectoryWithPermissionDeniedIsUnreadableForNonRoot) {  // AIC001
  if (::geteuid() == 0) GTEST_SKIP() << "SKIPPED: root reads files whatever their mode";
  TempDir dir;
  dir.write("Qwen--Qwen3-8B_config.json", "{}");
  fs::permissions(dir.path / "Qwen--Qwen3-8B_config.json", fs::perms::none);
  LintResult r = lint_paths({dir.path.string()}, LintOptions{}, load_lint_data({}));
  EXPECT_EQ(codes(r), std::vector<std::string>{"AIC001"});
}

}  // namespace
}  // namespace aic

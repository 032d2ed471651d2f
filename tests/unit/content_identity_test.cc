// Content identity for AIC405: which files are hashed, the second read that repairs a wrong
// guess, and the byte comparison that keeps a 64-bit hash collision from being a "duplicate".
#include "engine/content_identity.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "test_support.h"

namespace aic {
namespace {

using testing::TempDir;

namespace fs = std::filesystem;

std::vector<WalkEntry> entries_of(std::vector<std::pair<std::string, std::optional<std::uint64_t>>> files) {
  std::vector<WalkEntry> entries;  // move-only
  for (auto& [path, size] : files) entries.push_back({path, path, size, false, nullptr, nullptr});
  return entries;
}

TEST(ContentIdentity, HashesOnlyConfigsSharingTheirSize) {
  std::vector<WalkEntry> entries = entries_of({
      {"d/a--A_config.json", 10}, {"d/b--B_config.json", 10},
      {"d/c--C_config.json", 11},                                   // size unique
      {"d/a--A_hf_quant_config.json", 10},                          // not a config
      {"e/a--A_config.json", 12}, {"f/b--B_config.json", 12},       // any directory
      {"g/a--A_config.json", std::nullopt}, {"g/b--B_config.json", std::nullopt}});  // not stat'ed
  EXPECT_EQ(content_hash_wanted(entries),
            (std::vector<bool>{true, true, false, false, true, true, false, false}));
}

FileSummary summary_of(const std::string& path, std::uint32_t directory, std::uint64_t size,
                       std::optional<std::uint64_t> hash) {
  FileSummary s;
  s.path = path;
  s.directory = directory;
  s.kind = FileKind::config;
  s.bytes_read = true;
  s.size = size;
  s.content_hash = hash;
  return s;
}

TEST(ContentIdentity, EqualHashesAreConfirmedByteForByte) {
  TempDir t;
  std::string a = t.write("a--A_config.json", "{\"x\": 1}\n");
  std::string b = t.write("b--B_config.json", "{\"x\": 2}\n");  // same size, other bytes
  std::string c = t.write("c--C_config.json", "{\"x\": 1}\n");  // a's twin
  std::string gone = (t.path / "d--D_config.json").string();   // deleted since it was linted
  // Pretend the four hashed alike (a 64-bit collision for b).
  std::vector<FileSummary> files;  // FileSummary is move-only (it owns its anchors)
  for (const std::string& path : {a, b, c, gone}) files.push_back(summary_of(path, 0, 9, 7));
  settle_content_identity(files, 1 << 20);
  EXPECT_EQ(files[0].content_hash, 7u);
  EXPECT_EQ(files[1].content_hash, 7u);
  EXPECT_EQ(files[2].content_hash, 7u);
  EXPECT_EQ(files[0].content_variant, files[2].content_variant);
  EXPECT_NE(files[0].content_variant, files[1].content_variant);
  EXPECT_FALSE(files[3].content_hash);
}

TEST(ContentIdentity, MissingHashesAreFilledByASecondRead) {
  TempDir t;
  std::string a = t.write("a--A_config.json", "{\"x\": 1}\n");
  std::string b = t.write("b--B_config.json", "{\"x\": 1}\n");
  std::vector<FileSummary> files;
  files.push_back(summary_of(a, 0, 9, content_hash("{\"x\": 1}\n")));
  files.push_back(summary_of(b, 0, 9, std::nullopt));
  settle_content_identity(files, 1 << 20);
  EXPECT_EQ(files[1].content_hash, files[0].content_hash);
  // Not reported (siblings only): nothing AIC405 could report, nothing read.
  files.clear();
  files.push_back(summary_of(a, 0, 9, std::nullopt));
  files.push_back(summary_of(b, 0, 9, std::nullopt));
  files[0].reported = files[1].reported = false;
  settle_content_identity(files, 1 << 20);
  EXPECT_FALSE(files[0].content_hash);
}

// End to end, through two spellings of one directory: the twins are found.
TEST(ContentIdentity, TwinsNamedThroughTwoSpellingsOfTheirDirectory) {
  TempDir t;
  const std::string config = R"({"architectures": ["LlamaForCausalLM"], "model_type": "llama"})";
  std::string a = t.write("model_configs/meta-llama--Llama-3.1-8B_config.json", config);
  t.write("model_configs/nvidia--Llama-3.1-8B-Alt_config.json", config);
  fs::create_directories(t.path / "x");
  std::string b = (t.path / "x/../model_configs/nvidia--Llama-3.1-8B-Alt_config.json").string();
  static const LintData data = load_lint_data({});
  LintOptions options;
  options.jobs = 1;
  LintResult r = lint_paths({a, b}, options, data);
  int twins = 0;
  for (const auto& d : r.diagnostics) twins += d.code == "AIC405";
  EXPECT_EQ(twins, 2);
}

}  // namespace
}  // namespace aic

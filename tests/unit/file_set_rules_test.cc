// File-set rules (AIC401-AIC406): id parsing, a symlinked model_configs directory, and a
// pre-commit hook that names only the changed files (siblings read from disk, not reported).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "rules/model_id.h"
#include "test_support.h"

namespace aic {
namespace {

using testing::TempDir;

namespace fs = std::filesystem;

const std::string kConfig = R"({
  "architectures": ["LlamaForCausalLM"],
  "hidden_size": 4096,
  "model_type": "llama",
  "num_attention_heads": 32,
  "num_hidden_layers": 32,
  "vocab_size": 128256,
  "max_position_embeddings": 131072,
  "quantization_config": {"quant_method": "modelopt", "quant_algo": "FP8", "kv_cache_quant_algo": "FP8"}
}
)";
const std::string kSideCarNvfp4 =
    R"({"quantization": {"quant_algo": "NVFP4", "kv_cache_quant_algo": "FP8", "exclude_modules": ["lm_head"]}})";

LintResult lint(const std::vector<std::string>& paths) {
  static const LintData data = load_lint_data({});
  LintOptions options;
  options.jobs = 1;
  return lint_paths(paths, options, data);
}

std::vector<std::string> findings(const LintResult& r, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics)
    if (d.code == code) out.push_back(fs::path(d.file).filename().string());
  return out;
}

TEST(ModelId, SplitsTheSuffixFromTheRight) {
  EXPECT_EQ(model_id::of_file_name("nvidia--Llama-3_3-Nemotron-Super-49B-v1_config.json"),
            "nvidia--Llama-3_3-Nemotron-Super-49B-v1");
  EXPECT_EQ(model_id::of_file_name("nvidia--Llama-3_3-Nemotron-Super-49B-v1_hf_quant_config.json"),
            "nvidia--Llama-3_3-Nemotron-Super-49B-v1");
  EXPECT_EQ(model_id::of_file_name("Qwen--Qwen3-32B.json"), std::nullopt);
  auto parts = model_id::split("nvidia--Llama-3_3-Nemotron-Super-49B-v1");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->org, "nvidia");
  EXPECT_EQ(parts->model, "Llama-3_3-Nemotron-Super-49B-v1");
}

TEST(ModelId, HuggingFaceRules) {
  EXPECT_EQ(model_id::part_problem("Llama-3_3-Nemotron-Super-49B-v1"), "");
  EXPECT_EQ(model_id::part_problem("Qwen3.5-27B"), "");
  EXPECT_NE(model_id::part_problem("-Qwen3"), "");
  EXPECT_NE(model_id::part_problem("Qwen3."), "");
  EXPECT_NE(model_id::part_problem("Qwen..3"), "");
  EXPECT_NE(model_id::part_problem("Qwen 3"), "");
  EXPECT_NE(model_id::part_problem(std::string(97, 'a')), "");
  EXPECT_EQ(model_id::part_problem(std::string(96, 'a')), "");
}

TEST(ModelId, QuantizationTokens) {
  EXPECT_EQ(model_id::quant_tokens("Qwen3-32B-FP8-Static-PerTensor"), std::vector<std::string>{"fp8"});
  EXPECT_EQ(model_id::without_quant_tokens("Qwen3-32B-FP8-Static-PerTensor"), "qwen3-32b");
  EXPECT_EQ(model_id::without_quant_tokens("NVIDIA-Nemotron-3-Ultra-550B-A55B-NVFP4"),
            model_id::without_quant_tokens("NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16"));
  EXPECT_TRUE(model_id::quant_tokens("gpt-oss-120b").empty());
  EXPECT_TRUE(model_id::quant_tokens("Kimi-K2.5").empty());
}

TEST(ModelId, ArchitectureFamilies) {
  EXPECT_TRUE(model_id::architecture_fits("kimi", "DeepseekV3ForCausalLM"));  // Kimi-K2
  EXPECT_FALSE(model_id::architecture_fits("deepseek", "Qwen3ForCausalLM"));
  EXPECT_EQ(model_id::family_of_architecture("DeciLMForCausalLM"), "");  // not judged
  EXPECT_EQ(model_id::families_named("Llama-3_3-Nemotron-Super-49B-v1"), std::vector<std::string>{"llama"});
  EXPECT_TRUE(model_id::families_named("NVIDIA-Nemotron-3-Nano-30B-A3B-BF16").empty());
}

// A model_configs directory that is a symlink to the real one is linted like the real one.
TEST(FileSetRules, SymlinkedModelConfigsDirectory) {
  TempDir t;
  t.write("real/nvidia--Llama-3.1-8B-Instruct-FP8_config.json", kConfig);
  t.write("real/nvidia--Llama-3.1-8B-Instruct-FP8_hf_quant_config.json",
          R"({"quantization": {"quant_algo": "FP8", "kv_cache_quant_algo": "FP8"}})");
  t.write("real/nvidia--Llama-3.1-8B-Instruct-NVFP4_hf_quant_config.json", kSideCarNvfp4);
  fs::create_directory_symlink(t.path / "real", t.path / "model_configs");
  LintResult r = lint({(t.path / "model_configs").string()});
  EXPECT_EQ(r.files, 3u);
  EXPECT_EQ(findings(r, "AIC402"),
            std::vector<std::string>{"nvidia--Llama-3.1-8B-Instruct-NVFP4_hf_quant_config.json"});
  EXPECT_TRUE(findings(r, "AIC401").empty());
  EXPECT_TRUE(findings(r, "AIC406").empty());
  // A hook naming one file through the link still finds its siblings.
  r = lint({(t.path / "model_configs" / "nvidia--Llama-3.1-8B-Instruct-FP8_hf_quant_config.json").string()});
  EXPECT_EQ(r.files, 1u);
  EXPECT_TRUE(findings(r, "AIC402").empty());
}

// A hook passes only the changed file: repository findings are computed with the siblings
// from disk, and reported only on the files passed.
TEST(FileSetRules, HookNamingOneFile) {
  TempDir t;
  t.write("model_configs/nvidia--Llama-3.1-8B-Instruct-FP8_config.json", kConfig);
  t.write("model_configs/nvidia--Llama-3.1-8B-Instruct-FP8_hf_quant_config.json", kSideCarNvfp4);
  t.write("model_configs/Llama-3.1-8B_config.json", kConfig);  // misnamed sibling: not ours
  t.write("model_configs/meta-llama--Llama-3.1-8B-Instruct-FP8_config.json", kConfig);  // twin

  // Only the config changed: the side-car disagreement is reported on the config.
  LintResult r = lint({(t.path / "model_configs/nvidia--Llama-3.1-8B-Instruct-FP8_config.json").string()});
  EXPECT_EQ(r.files, 1u);
  EXPECT_EQ(findings(r, "AIC406"),
            std::vector<std::string>{"nvidia--Llama-3.1-8B-Instruct-FP8_config.json"});
  EXPECT_EQ(findings(r, "AIC405"),
            std::vector<std::string>{"nvidia--Llama-3.1-8B-Instruct-FP8_config.json"});
  EXPECT_TRUE(findings(r, "AIC401").empty()) << "a sibling's name is not the hook's business";
  for (const auto& d : r.diagnostics)
    EXPECT_EQ(fs::path(d.file).filename(), "nvidia--Llama-3.1-8B-Instruct-FP8_config.json");

  // Only the side-car changed: the finding is on the side-car, at its value.
  r = lint({(t.path / "model_configs/nvidia--Llama-3.1-8B-Instruct-FP8_hf_quant_config.json").string()});
  ASSERT_EQ(findings(r, "AIC406").size(), 1u);
  for (const auto& d : r.diagnostics)
    if (d.code == "AIC406") {
      EXPECT_EQ(d.pointer, "/quantization/quant_algo");
      EXPECT_EQ(d.begin.line, 1u);
      EXPECT_FALSE(d.snippet.empty());
    }

  // The whole directory: the misnamed sibling is now reported.
  r = lint({(t.path / "model_configs").string()});
  EXPECT_EQ(findings(r, "AIC401"), std::vector<std::string>{"Llama-3.1-8B_config.json"});
}

// Files named through two spellings of their directory ("d/./a", "d/b"): one directory, listed
// once; the twins among named files and siblings all find each other, each named once; what is
// not a regular file (a link, even to a twin) is not context at all.
TEST(FileSetRules, HookContextThroughTwoSpellingsOfADirectory) {
  TempDir t;
  std::string a = t.write("d/org--M-a_config.json", kConfig);
  std::string b = t.write("d/org--M-b_config.json", kConfig);
  t.write("d/org--M-s_config.json", kConfig);  // a sibling twin, not named
  fs::create_symlink(a, t.path / "d/zz--Link_config.json");
  LintResult r = lint({(t.path / "d/./org--M-a_config.json").string(), b});
  EXPECT_EQ(r.files, 2u);
  std::map<std::string, std::string> twins;  // file -> its AIC405 message
  for (const auto& d : r.diagnostics)
    if (d.code == "AIC405") twins[fs::path(d.file).filename().string()] += d.message;
  ASSERT_EQ(twins.size(), 2u);
  for (const auto& [file, message] : twins) {
    std::string other = file == "org--M-a_config.json" ? "org--M-b_config.json" : "org--M-a_config.json";
    EXPECT_NE(message.find("byte-identical to '" + other + "', 'org--M-s_config.json':"), std::string::npos)
        << file << ": " << message;
    EXPECT_EQ(message.find("zz--Link"), std::string::npos) << message;
  }
}

// A hook naming files in more directories than descriptors allow open at once: the context
// directories are not all kept open (each sibling is then opened by its path).
TEST(FileSetRules, HookNamingFilesInManyDirectories) {
  TempDir t;
  std::vector<std::string> named;
  for (int i = 0; i < 300; ++i) {
    std::string dir = "d" + std::to_string(i) + "/";
    named.push_back(t.write(dir + "org--M-a_config.json", kConfig));
    t.write(dir + "org--M-a_hf_quant_config.json", kSideCarNvfp4);  // read: the named file's pair
  }
  struct rlimit saved {};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
  struct rlimit lowered = saved;
  lowered.rlim_cur = std::min<rlim_t>(saved.rlim_cur, 256);
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
  LintResult r = lint(named);
  ::setrlimit(RLIMIT_NOFILE, &saved);
  EXPECT_EQ(r.files, 300u);
  std::size_t unreadable = 0, side_car_findings = 0;
  for (const auto& d : r.diagnostics) {
    unreadable += d.code == "AIC001";
    side_car_findings += d.code == "AIC406";
  }
  EXPECT_EQ(unreadable, 0u);
  EXPECT_EQ(side_car_findings, 300u) << "every config was checked against its side-car";
}

// The bundled examples: the orphan side-car is flagged, and nothing else of AIC4xx is reported
// (in particular not on the clean files).
TEST(FileSetRules, BundledExamples) {
  LintResult r = lint({std::string(AIC_SOURCE_DIR) + "/examples/model_configs"});
  std::vector<std::string> file_set;
  for (const auto& d : r.diagnostics)
    if (d.code.starts_with("AIC4")) file_set.push_back(fs::path(d.file).filename().string() + " " + d.code);
  EXPECT_EQ(file_set,
            std::vector<std::string>{"broken--Llama-3.1-8B-Instruct-NVFP4_hf_quant_config.json AIC402"});
}

}  // namespace
}  // namespace aic

// Google Benchmark micro-benchmarks of the per-file stages: the front end (SAX parse + index)
// against plain RapidJSON DOM parsing of the same bytes, the schema stage (fast path, and valijson
// alone for comparison), and the whole per-file pipeline.
// Input: AIC_BENCH_FILE (default: the largest file of examples/model_configs).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/json_document.h"
#include "core/rapidjson.h"
#include "engine/file_kind.h"
#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "engine/schema_set.h"
#include "engine/schema_stage.h"

#include <valijson/validator.hpp>

namespace {

namespace fs = std::filesystem;

std::string bench_file() {
  if (const char* f = std::getenv("AIC_BENCH_FILE")) return f;
  fs::path best;
  std::uintmax_t size = 0;
  for (const auto& e : fs::directory_iterator(fs::path(AIC_SOURCE_DIR) / "examples/model_configs"))
    if (e.path().extension() == ".json" && e.file_size() > size) best = e.path(), size = e.file_size();
  return best.string();
}

const std::string& input() {
  static const std::string text = [] {
    std::ifstream in(bench_file(), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }();
  return text;
}

void BM_PlainRapidJsonDom(benchmark::State& state) {
  for (auto _ : state) {
    std::string copy = input();
    rapidjson::Document doc;
    doc.ParseInsitu<rapidjson::kParseNanAndInfFlag>(copy.data());
    benchmark::DoNotOptimize(doc.IsObject());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input().size()));
}
BENCHMARK(BM_PlainRapidJsonDom);

void BM_FrontEnd(benchmark::State& state) {
  for (auto _ : state) {
    aic::SourceFile source("f_config.json", input());
    aic::FileDiagnostics out(source);
    auto doc = aic::JsonDocument::parse(source, out);
    benchmark::DoNotOptimize(doc.has_root());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input().size()));
}
BENCHMARK(BM_FrontEnd);

// The schema stage on the parsed file, as check_schema runs it (the fast path settles a valid
// file; an invalid one also pays valijson and the translation of its errors, once per iteration).
void BM_SchemaStage(benchmark::State& state) {
  static const aic::LintData data = aic::load_lint_data({});
  std::string name = fs::path(bench_file()).filename().string();
  aic::SourceFile source(name, input());
  aic::FileDiagnostics out(source);
  aic::JsonDocument doc = aic::JsonDocument::parse(source, out);
  aic::FileContext context{source, doc, out, aic::classify_file_name(name), data, name};
  for (auto _ : state) aic::check_schema(context);
}
BENCHMARK(BM_SchemaStage);

// valijson's stop-at-first-failure pass alone on the same file: what check_schema ran before the
// fast path.
void BM_SchemaValijsonOnly(benchmark::State& state) {
  static const aic::LintData data = aic::load_lint_data({});
  std::string name = fs::path(bench_file()).filename().string();
  aic::SourceFile source(name, input());
  aic::FileDiagnostics out(source);
  aic::JsonDocument doc = aic::JsonDocument::parse(source, out);
  const aic::SchemaSet::Compiled* schema = data.schemas->for_kind(aic::classify_file_name(name));
  if (!schema) return state.SkipWithError("not a config or side-car file name");
  valijson::adapters::RapidJsonAdapter target(doc.root());
  for (auto _ : state) {
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    benchmark::DoNotOptimize(validator.validate(*schema->validator(), target, nullptr));
  }
}
BENCHMARK(BM_SchemaValijsonOnly);

void BM_WholeFilePipeline(benchmark::State& state) {
  static const aic::LintData data = aic::load_lint_data({});
  aic::LintOptions options;
  std::string name = fs::path(bench_file()).filename().string();
  for (auto _ : state) {
    aic::FileSummary summary;
    auto diagnostics = aic::lint_bytes(name, input(), options, data, summary);
    benchmark::DoNotOptimize(diagnostics.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input().size()));
}
BENCHMARK(BM_WholeFilePipeline);

}  // namespace

BENCHMARK_MAIN();

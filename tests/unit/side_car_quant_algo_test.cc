// AIC310 reads a side-car's quantization.quant_algo with a SAX pass (no DOM, no index); it must
// give what the front end's DOM gives: on every JSON file of the project and of ../shared/corpus,
// and on texts built to differ (repeated keys, other types, nesting, broken text).
#include <gtest/gtest.h>

#include "core/file_diagnostics.h"
#include "core/json_document.h"
#include "rules/quantization_supported.h"
#include "test_support.h"

namespace aic {
namespace {

// The DOM reading the rule used before: the string value of quantization.quant_algo, if any.
std::string through_the_dom(const std::string& bytes) {
  SourceFile source("s.json", bytes);
  FileDiagnostics ignored(source);
  JsonDocument doc = JsonDocument::parse(source, ignored);
  if (!doc.has_root() || !doc.root().IsObject()) return "";
  auto q = doc.root().FindMember("quantization");
  if (q == doc.root().MemberEnd() || !q->value.IsObject()) return "";
  auto a = q->value.FindMember("quant_algo");
  if (a == q->value.MemberEnd() || !a->value.IsString()) return "";
  return {a->value.GetString(), a->value.GetStringLength()};
}

TEST(SideCarQuantAlgo, AgreesWithTheDomOnEveryJsonFile) {
  std::size_t files = 0, with_algo = 0;
  for (const auto& path : testing::project_json_files()) {
    std::string text = testing::read_file(path);
    std::string dom = through_the_dom(text);
    EXPECT_EQ(side_car_quant_algo(text), dom) << path;
    ++files;
    with_algo += !dom.empty();
  }
  EXPECT_GT(files, 200u);
  EXPECT_GT(with_algo, 5u) << "no side-car with an algorithm: the comparison says little";
}

TEST(SideCarQuantAlgo, AgreesWithTheDomOnEdgeCases) {
  const std::vector<std::string> texts = {
           R"({"quantization": {"quant_algo": "FP8"}})",
           R"({"quantization": {"quant_algo": "FP8", "quant_algo": "NVFP4"}})",
           R"({"quantization": {"quant_algo": "FP8", "quant_algo": 4}})",
           R"({"quantization": {"quant_algo": "FP8"}, "quantization": {"kv": 1}})",
           R"({"quantization": {"quant_algo": "FP8"}, "quantization": null})",
           R"({"quantization": {"x": {"quant_algo": "FP8"}}})",
           R"({"quantization": [{"quant_algo": "FP8"}]})",
           R"({"quantization": {"quant_algo": ["FP8"]}})",
           R"({"quantization": {"quant_algo": {"a": "FP8"}, "b": 1}})",
           R"({"other": {"quant_algo": "FP8"}, "quantization": {"quant_algo": ""}})",
           R"({"quantization": {"quant_algo": "FP8"},})",
           R"({"quantization": {"quant_algo": "FP8"} // c
})",
           R"({"quantization": {"quant_algo": "FP8", "n": NaN}})",
           R"({"quantization": {"quant_algo": "FP8"}} x)",
           R"({"quantization": {"quant_algo": "FP8")",
           R"(["quantization", {"quant_algo": "FP8"}])",
           "\xEF\xBB\xBF{\"quantization\": {\"quant_algo\": \"FP8\"}}",
           std::string("{\"quantization\": {\"quant_algo\": \"FP8\"}}") + std::string(1, '\0') + "x",
           R"({"quantization": {"quant_algo": "F\u0050\"8"}})",
           std::string(127, '[') + std::string(127, ']'),
           "{\"quantization\": {\"quant_algo\": \"FP8\"}, \"d\": " + std::string(130, '[') + std::string(130, ']') + "}",
           "", "  "};
  for (const std::string& text : texts) {
    EXPECT_EQ(side_car_quant_algo(text), through_the_dom(text)) << text;
  }
}

}  // namespace
}  // namespace aic

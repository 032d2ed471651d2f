// The schema fast path (engine/schema_fast_path.h) against valijson: it may say "certainly
// valid" only where valijson (strong types) accepts. Checked on every JSON file of the project
// and of ../shared/corpus (both schemas, both DOMs: the front end's and plain RapidJSON's), and
// on hand-written edge cases where the two could differ; on real files it must also accept every
// file valijson accepts, or it saves nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "../../fuzz/schema_differential.h"  // first: it includes core/rapidjson.h

#include <rapidjson/pointer.h>

#include "core/json_document.h"
#include "core/rapidjson.h"
#include "engine/file_kind.h"
#include "engine/schema_fast_path.h"
#include "engine/schema_set.h"
#include "test_support.h"

namespace aic {
namespace {

namespace fs = std::filesystem;
using fuzz::schema_verdicts;
using fuzz::SchemaVerdicts;

const SchemaSet& embedded() {
  static const std::shared_ptr<const SchemaSet> set = SchemaSet::embedded();
  return *set;
}
const SchemaSet::Compiled& config_schema() { return *embedded().for_kind(FileKind::config); }
const SchemaSet::Compiled& side_car_schema() { return *embedded().for_kind(FileKind::side_car); }

constexpr unsigned kRawFlags = rapidjson::kParseNanAndInfFlag | rapidjson::kParseIterativeFlag;

// Both verdicts on `json` parsed by plain RapidJSON (NaN, Infinity, repeated keys kept).
SchemaVerdicts raw(const SchemaSet::Compiled& schema, const std::string& json) {
  rapidjson::Document d;
  d.Parse<kRawFlags>(json.data(), json.size());
  EXPECT_FALSE(d.HasParseError()) << json;
  return schema_verdicts(schema, d);
}

std::unique_ptr<SchemaSet::Compiled> schema_of(const std::string& text) {
  return SchemaSet::compile(text, "test schema");
}

// The promise, plus what each side said, for a readable failure.
#define EXPECT_PROMISE(v, what)                                                              \
  EXPECT_FALSE((v).fast && !(v).valijson) << "fast path accepted what valijson rejects: " << (what)

// Expects exactly these verdicts (fast, valijson), and the promise.
void expect(const SchemaSet::Compiled& schema, const std::string& json, bool fast, bool valijson) {
  SchemaVerdicts v = raw(schema, json);
  EXPECT_PROMISE(v, json);
  EXPECT_EQ(v.fast, fast) << "fast path on " << json;
  EXPECT_EQ(v.valijson, valijson) << "valijson on " << json;
}

TEST(SchemaFastPath, TheEmbeddedSchemasAreInItsSubset) {
  EXPECT_NE(config_schema().fast_path(), nullptr) << "model-config.schema.json uses a keyword the fast path does not support";
  EXPECT_NE(side_car_schema().fast_path(), nullptr) << "hf-quant-config.schema.json uses a keyword the fast path does not support";
}

// ---- every JSON file we have ----

TEST(SchemaFastPath, NeverAcceptsWhatValijsonRejectsOnAnyFileAndAcceptsEveryValidRealFile) {
  std::size_t files = 0, checks = 0, valijson_valid = 0, fast_valid = 0, missed = 0;
  for (const fs::path& path : testing::project_json_files()) {
    std::string bytes = testing::read_file(path);
    testing::Parsed parsed(bytes);
    // check_schema sends no file that is not UTF-8 to valijson (whose decoder is undefined on
    // some of them, see SchemaStage.InvalidUtf8FileGetsNoSchemaFindings): nothing to compare.
    if (!parsed.doc.valid_utf8()) continue;
    rapidjson::Document plain;
    plain.Parse<kRawFlags>(bytes.data(), bytes.size());
    ++files;
    for (const SchemaSet::Compiled* schema : {&config_schema(), &side_car_schema()}) {
      if (parsed.doc.has_root()) {
        // The DOM check_schema sees: the fast path must accept every file valijson accepts.
        SchemaVerdicts v = schema_verdicts(*schema, parsed.doc.root());
        EXPECT_PROMISE(v, path.string() + " against " + schema->origin);
        ++checks;
        valijson_valid += v.valijson;
        fast_valid += v.fast;
        if (v.valijson && !v.fast) {
          ++missed;
          ADD_FAILURE() << "fast path not sure about a file valijson accepts: " << path << " against " << schema->origin;
        }
      }
      if (!plain.HasParseError()) {
        SchemaVerdicts v = schema_verdicts(*schema, plain);
        EXPECT_PROMISE(v, path.string() + " (plain RapidJSON) against " + schema->origin);
      }
    }
  }
  EXPECT_GT(files, 100u);
  EXPECT_GT(valijson_valid, 0u);
  EXPECT_LT(valijson_valid, checks) << "no invalid file: the differential proves little";
  std::printf("schema fast path: %zu files, %zu front-end checks, valijson valid %zu, fast path valid %zu, missed %zu\n",
              files, checks, valijson_valid, fast_valid, missed);
}

// Every value of every bundled example replaced in turn by values of every type and number
// edge (wrong types at every level, systematically), against the schema of the file's kind.
TEST(SchemaFastPath, EveryValueOfTheExamplesReplacedByEveryKindOfValue) {
  const std::vector<std::string> replacements = {
      "null", "true", "false", "0", "1", "-1", "1.0", "0.5", "-0.0", "1e3", "18446744073709551615",
      "9223372036854775807", R"("")", R"("1")", R"("\u00e9")", R"("fp8")", "[]", "[1]", R"(["x"])",
      "{}", R"({"factor": -1, "num_bits": 0})"};
  std::size_t mutants = 0, valijson_valid = 0, fast_valid = 0;
  for (const auto& e : fs::directory_iterator(fs::path(AIC_SOURCE_DIR) / "examples" / "model_configs")) {
    if (e.path().extension() != ".json") continue;
    FileKind kind = classify_file_name(e.path().filename().string());
    const SchemaSet::Compiled* schema = embedded().for_kind(kind);
    ASSERT_NE(schema, nullptr) << e.path();
    std::string bytes = testing::read_file(e.path());
    rapidjson::Document doc;
    doc.Parse<kRawFlags>(bytes.data(), bytes.size());
    if (doc.HasParseError()) continue;
    // Every value's pointer, the root's included.
    std::vector<std::string> pointers;
    std::function<void(const rapidjson::Value&, const std::string&)> collect = [&](const rapidjson::Value& v,
                                                                                  const std::string& at) {
      pointers.push_back(at);
      if (v.IsObject())
        for (const auto& m : v.GetObject())
          collect(m.value, at + "/" + escape_pointer_token({m.name.GetString(), m.name.GetStringLength()}));
      if (v.IsArray())
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) collect(v[i], at + "/" + std::to_string(i));
    };
    collect(doc, "");
    for (const std::string& at : pointers) {
      for (const std::string& text : replacements) {
        rapidjson::Document mutant;
        mutant.CopyFrom(doc, mutant.GetAllocator());
        rapidjson::Document value(&mutant.GetAllocator());
        value.Parse<kRawFlags>(text.c_str());
        ASSERT_FALSE(value.HasParseError()) << text;
        rapidjson::Value* target = rapidjson::Pointer(at.c_str()).Get(mutant);
        ASSERT_NE(target, nullptr) << at;
        target->CopyFrom(value, mutant.GetAllocator());
        SchemaVerdicts v = schema_verdicts(*schema, mutant);
        EXPECT_PROMISE(v, e.path().filename().string() + " with " + (at.empty() ? "the root" : at) + " = " + text);
        ++mutants;
        valijson_valid += v.valijson;
        fast_valid += v.fast;
      }
    }
  }
  EXPECT_GT(mutants, 1000u);
  EXPECT_LT(valijson_valid, mutants);
  EXPECT_GT(fast_valid, mutants / 4) << "the fast path is rarely sure: it saves little";
  std::printf("schema fast path: %zu mutants, valijson valid %zu, fast path valid %zu\n", mutants, valijson_valid,
              fast_valid);
}

// ---- numbers: valijson's strong types and its double comparisons ----

TEST(SchemaFastPath, IntegersFloatsAndMinimum) {
  const auto& s = config_schema();
  auto with = [](const std::string& field, const std::string& value) {
    return R"({"architectures": ["X"], ")" + field + R"(": )" + value + "}";
  };
  expect(s, with("num_hidden_layers", "1"), true, true);
  expect(s, with("num_hidden_layers", "1.0"), false, false);  // a whole float is not an integer
  expect(s, with("num_hidden_layers", "1e3"), false, false);
  expect(s, with("num_hidden_layers", "0"), false, false);    // minimum 1
  expect(s, with("num_hidden_layers", "-1"), false, false);
  expect(s, with("num_hidden_layers", "9223372036854775807"), true, true);
  // Beyond int64 valijson casts to int64 (-1 here) and the minimum fails: "not sure" is right.
  expect(s, with("num_hidden_layers", "18446744073709551615"), false, false);
  expect(s, with("intermediate_size", "-0"), true, true);     // RapidJSON reads -0 as integer 0
  expect(s, with("intermediate_size", "-0.0"), false, false); // a float
  expect(s, with("intermediate_size", "null"), true, true);
  expect(s, with("hidden_size", "18446744073709551615"), true, true);  // no minimum: any integer
  // "number" fields: floats and integers, compared as doubles.
  expect(s, R"({"architectures": ["X"], "rope_scaling": {"factor": 8}})", true, true);
  expect(s, R"({"architectures": ["X"], "rope_scaling": {"factor": 0.5}})", true, true);
  expect(s, R"({"architectures": ["X"], "rope_scaling": {"factor": -0.0}})", true, true);
  expect(s, R"({"architectures": ["X"], "rope_scaling": {"factor": -1e-300}})", false, false);
  // NaN and Infinity: valijson accepts NaN and Infinity and rejects -Infinity under minimum 0;
  // the fast path is never sure about them.
  expect(s, R"({"architectures": ["X"], "hc_eps": NaN})", false, true);
  expect(s, R"({"architectures": ["X"], "hc_eps": Infinity})", false, true);
  expect(s, R"({"architectures": ["X"], "hc_eps": -Infinity})", false, false);
  expect(s, R"({"architectures": ["X"], "num_hidden_layers": NaN})", false, false);
  expect(s, R"({"architectures": ["X"], "rope_scaling": {"factor": true}})", false, false);
  expect(s, R"({"architectures": ["X"], "rope_scaling": {"factor": "8"}})", false, false);
}

TEST(SchemaFastPath, EnumsCompareNumbersAsValijsonDoes) {
  const auto& s = config_schema();
  expect(s, R"({"architectures": ["X"], "hybrid_layer_pattern": [0, 1, 1]})", true, true);
  expect(s, R"({"architectures": ["X"], "hybrid_layer_pattern": [2]})", false, false);
  expect(s, R"({"architectures": ["X"], "hybrid_layer_pattern": ["1"]})", false, false);
  expect(s, R"({"architectures": ["X"], "hybrid_layer_pattern": [1.0]})", false, false);  // type integer
  // Without a type, valijson's enum compares numbers as doubles: 1.0 equals 1. Not sure here.
  auto e = schema_of(R"({"enum": [1, "2", null, false]})");
  ASSERT_NE(e->fast_path(), nullptr);
  expect(*e, "1", true, true);
  expect(*e, "1.0", false, true);
  expect(*e, "-0", false, false);
  expect(*e, "2", false, false);
  expect(*e, R"("2")", true, true);
  expect(*e, R"("1")", false, false);
  expect(*e, "null", true, true);
  expect(*e, "false", true, true);
  expect(*e, "0", false, false);
  expect(*e, "true", false, false);
  expect(*e, "[1]", false, false);
  // Strings: exact bytes, any embedded NUL included.
  expect(s, R"({"architectures": ["X"], "quantization_config": {"quant_method": "FP8"}})", true, true);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"quant_method": "Fp8"}})", false, false);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"quant_method": "fp8\u0000"}})", false, false);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"quant_algo": null}})", true, true);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"quant_method": null}})", false, false);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"kv_cache_quant_algo": 8}})", false, false);
  expect(side_car_schema(), R"({"quantization": {"quant_algo": "NVFP4", "kv_cache_quant_algo": null}})", true, true);
  expect(side_car_schema(), R"({"quantization": {"quant_algo": "nvfp5"}})", false, false);
  expect(side_car_schema(), R"({"quantization": {"quantization_algo": null}})", false, false);
}

// ---- strings: valijson counts code points up to the first NUL ----

TEST(SchemaFastPath, MinLengthCountsCodePointsLikeValijson) {
  const auto& s = config_schema();
  expect(s, R"({"architectures": ["X"]})", true, true);
  expect(s, R"({"architectures": [""]})", false, false);
  expect(s, R"({"architectures": ["\u0000"]})", false, false);
  expect(s, R"({"architectures": ["\u0000abc"]})", false, false);  // u8_strlen stops at NUL
  expect(s, R"({"architectures": ["é"]})", true, true);
  auto two = schema_of(R"({"type": "string", "minLength": 2})");
  ASSERT_NE(two->fast_path(), nullptr);
  expect(*two, R"("é")", false, false);     // 2 bytes, 1 code point
  expect(*two, R"("éé")", true, true);
  expect(*two, R"("😀")", false, false);    // 4 bytes, 1 code point
  expect(*two, R"("a😀")", true, true);
  expect(*two, R"("a\u0000b")", false, false);
  expect(*two, R"("ab")", true, true);
  // Raw bytes a parser may pass through: lone continuation bytes, truncated sequences, an
  // overlong NUL (C0 80 decodes to 0 and ends valijson's count), long continuation runs.
  const std::vector<std::string> odd = {
      "\x80", "\x80\x80", "a\x80", "\xC3", "\xC3\xA9\x80", "\xC0\x80", "a\xC0\x80", "\xC0\x80z",
      "\xE2\x82", "\xF0\x9F\x98\x80\x80\x80", "\xFF\xFE", std::string("a\0\xC3\xA9", 4)};
  for (std::uint64_t min : {1u, 2u, 3u}) {
    auto schema = schema_of(R"({"minLength": )" + std::to_string(min) + "}");
    ASSERT_NE(schema->fast_path(), nullptr);
    for (const std::string& bytes : odd) {
      rapidjson::Document d;
      d.SetString(bytes.data(), static_cast<rapidjson::SizeType>(bytes.size()), d.GetAllocator());
      SchemaVerdicts v = schema_verdicts(*schema, d);
      EXPECT_PROMISE(v, "minLength " + std::to_string(min) + " on bytes of size " + std::to_string(bytes.size()));
      EXPECT_EQ(v.fast, v.valijson) << "minLength " << min << " on " << bytes.size() << " bytes";
    }
  }
  // A lead byte and 7 continuation bytes: valijson's decoder would index past its 6-entry table
  // (not run here: a sanitizer build would stop). The fast path is not sure.
  auto one = schema_of(R"({"minLength": 1})");
  rapidjson::Document d;
  d.SetString("\xF8\x80\x80\x80\x80\x80\x80\x80", 8, d.GetAllocator());
  EXPECT_FALSE(one->fast_path()->certainly_valid(d));
}

// ---- structure: wrong types at every level, missing keys, arrays ----

TEST(SchemaFastPath, WrongTypesMissingKeysAndArraysAtEveryLevel) {
  const auto& s = config_schema();
  expect(s, "{}", false, false);                   // required architectures
  expect(s, "[]", false, false);
  expect(s, R"("config")", false, false);
  expect(s, "null", false, false);
  expect(s, R"({"architectures": []})", false, false);  // minItems 1
  expect(s, R"({"architectures": "X"})", false, false);
  expect(s, R"({"architectures": [1]})", false, false);
  expect(s, R"({"architectures": ["X"], "layer_types": []})", true, true);
  expect(s, R"({"architectures": ["X"], "layer_types": ["full_attention", 3]})", false, false);
  expect(s, R"({"architectures": ["X"], "moe_layer_freq": 1})", true, true);
  expect(s, R"({"architectures": ["X"], "moe_layer_freq": [1, 0]})", true, true);
  expect(s, R"({"architectures": ["X"], "moe_layer_freq": [-1]})", false, false);
  expect(s, R"({"architectures": ["X"], "moe_layer_freq": -1})", false, false);
  expect(s, R"({"architectures": ["X"], "moe_layers_enum": "1,2"})", true, true);
  expect(s, R"({"architectures": ["X"], "unknown_key": {"anything": [1.5, null]}})", true, true);
  // text_config is validated against the same LLM fields (allOf $ref).
  expect(s, R"({"architectures": ["X"], "text_config": {"num_hidden_layers": 4, "torch_dtype": "bfloat16"}})", true, true);
  expect(s, R"({"architectures": ["X"], "text_config": {"num_hidden_layers": "4"}})", false, false);
  expect(s, R"({"architectures": ["X"], "text_config": {"rope_scaling": {"factor": -2}}})", false, false);
  expect(s, R"({"architectures": ["X"], "text_config": []})", false, false);
  expect(s, R"({"architectures": ["X"], "text_config": {"quantization_config": {"quant_method": "fp9"}}})", false, false);
  expect(s, R"({"architectures": ["X"], "vision_config": {"depth": 24, "patch_size": 14}})", true, true);
  expect(s, R"({"architectures": ["X"], "vision_config": {"depth": 1.5}})", false, false);
  expect(s, R"({"architectures": ["X"], "vision_config": {"deepstack_visual_indexes": [0, -1]}})", false, false);
  expect(s, R"({"architectures": ["X"], "vision_config": null})", false, false);
  expect(s, R"({"architectures": ["X"], "block_configs": [{"attention": {"n_heads_in_group": 8}, "ffn": {"ffn_mult": 2.5}}]})", true, true);
  expect(s, R"({"architectures": ["X"], "block_configs": [{"attention": {"n_heads_in_group": 0}}]})", false, false);
  expect(s, R"({"architectures": ["X"], "block_configs": [{"ffn": {"no_op": "false"}}]})", false, false);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"config_groups": {"g": {"weights": {"num_bits": 4}}}}})", true, true);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"config_groups": {"g": {"weights": {"num_bits": "4"}}}}})", false, false);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"config_groups": {"g": null, "h": 3}}})", false, false);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"kv_cache_scheme": "fp8"}})", true, true);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"kv_cache_scheme": {"num_bits": 0}}})", false, false);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"quantized_layers": {"a": 1}}})", true, true);
  expect(s, R"({"architectures": ["X"], "quantization_config": {"quantized_layers": []}})", false, false);
  expect(side_car_schema(), R"({"quantization": {"exclude_modules": "lm_head"}})", false, false);
  expect(side_car_schema(), R"({"quantization": {"exclude_modules": ["lm_head"]}})", true, true);
  expect(side_car_schema(), R"({"quantization": 3})", false, false);
  expect(side_car_schema(), R"({"producer": {"name": 3}})", true, true);
}

// ---- repeated keys and additionalProperties false (plain RapidJSON keeps every occurrence) ----

TEST(SchemaFastPath, RepeatedKeysAndClosedObjects) {
  auto closed = schema_of(R"({"type": "object", "properties": {"quantization": {"type": "object",
      "properties": {"quant_algo": {"type": "string"}, "group_size": {"type": "integer"}},
      "additionalProperties": false}}})");
  ASSERT_NE(closed->fast_path(), nullptr);
  expect(*closed, R"({"quantization": {"quant_algo": "fp8", "group_size": 128}})", true, true);
  expect(*closed, R"({"quantization": {"quant_algo": "fp8", "producer": {}}})", false, false);
  // valijson counts matched names (1) against members (2): a repeated key fails a closed object.
  expect(*closed, R"({"quantization": {"quant_algo": "fp8", "quant_algo": "nvfp4"}})", false, false);
  // valijson checks the first occurrence only; the fast path checks all and is not sure.
  expect(config_schema(), R"({"architectures": ["X"], "num_hidden_layers": 4, "num_hidden_layers": "4"})", false, true);
  expect(config_schema(), R"({"architectures": ["X"], "num_hidden_layers": "4", "num_hidden_layers": 4})", false, false);
  auto schema_for_extra = schema_of(R"({"additionalProperties": {"type": "integer"}})");
  ASSERT_NE(schema_for_extra->fast_path(), nullptr);
  expect(*schema_for_extra, R"({"a": 1, "b": 2})", true, true);
  expect(*schema_for_extra, R"({"a": 1, "a": "x"})", false, false);
}

// ---- schema forms: boolean schemas, $ref cycles, depth, keywords outside the subset ----

TEST(SchemaFastPath, BooleanSchemasRecursiveRefsAndDepth) {
  auto b = schema_of(R"({"properties": {"never": false, "always": true}, "items": false})");
  ASSERT_NE(b->fast_path(), nullptr);
  expect(*b, R"({"always": [1]})", true, true);
  expect(*b, R"({"never": 1})", false, false);
  expect(*b, "[]", true, true);
  expect(*b, "[1]", false, false);
  auto nested = schema_of(R"({"$ref": "#/definitions/n",
      "definitions": {"n": {"type": "array", "items": {"$ref": "#/definitions/n"}}}})");
  ASSERT_NE(nested->fast_path(), nullptr);
  auto arrays = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  expect(*nested, arrays(10), true, true);
  expect(*nested, std::string(10, '[') + "1" + std::string(10, ']'), false, false);
  // Deeper than kMaxDepth: not sure, valijson decides.
  expect(*nested, arrays(SchemaFastPath::kMaxDepth + 10), false, true);
}

TEST(SchemaFastPath, KeywordsOutsideTheSubsetRefuseTheWholeSchema) {
  for (const char* text : {
           R"({"properties": {"a": {"pattern": "^x"}}})",
           R"({"properties": {"a": {"maximum": 3}}})",
           R"({"anyOf": [{"type": "string"}]})",
           R"({"items": [{"type": "string"}]})",
           R"({"id": "http://example.com/s"})",
           R"({"$ref": "#/definitions/a", "type": "string", "definitions": {"a": {}}})",
           R"({"$ref": "#/definitions/a~1b", "definitions": {"a/b": {}}})",
           R"({"$ref": "http://example.com/s.json"})",
           R"({"$ref": "#/definitions/missing"})",
           R"({"type": "any"})",
           R"({"type": ["string", {"type": "null"}]})",
           R"({"minimum": "1"})",
           R"({"minimum": 18446744073709551615})",
           R"({"minLength": 1.5})",
           R"({"enum": [1.5]})",
           R"({"enum": [[1]]})",
           R"({"additionalProperties": "false"})",
           R"({"required": "a"})",
           R"({"allOf": []})",
           R"({"type": "string", "type": "integer"})",
           R"({"properties": {"a": {}, "a": {"type": "string"}}})",
           R"({"properties": {"a": 1}})",
           R"({"format": "uri"})",
           R"({"uniqueItems": true})",
       }) {
    rapidjson::Document d;
    d.Parse(text);
    ASSERT_FALSE(d.HasParseError()) << text;
    EXPECT_EQ(SchemaFastPath::compile(d), nullptr) << text;
  }
  for (const char* text : {
           R"({"title": "t", "description": "d", "$schema": "x", "$id": "y", "$comment": "c",
               "default": 1, "examples": [1], "x-aic-if-string": "s", "definitions": {"u": {"pattern": "x"}}})",
           R"({"$ref": "#/definitions/a", "title": "t", "definitions": {"a": {"type": "integer"}}})",
       }) {
    rapidjson::Document d;
    d.Parse(text);
    ASSERT_FALSE(d.HasParseError()) << text;
    EXPECT_NE(SchemaFastPath::compile(d), nullptr) << text;
  }
}

}  // namespace
}  // namespace aic

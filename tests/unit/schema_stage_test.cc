// The schema stage (AIC201-AIC205): valijson errors become one finding per leaf violation, at
// the value's line and column, with the RFC 6901 pointer, in words a person can act on. Also:
// the schemas themselves (valid draft-07, every $ref resolves) and --schema-dir.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/rapidjson.h"  // first: before any RapidJSON header

#include <rapidjson/pointer.h>
#include <unistd.h>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "core/assets.h"
#include "core/errors.h"
#include "engine/lint_data_loader.h"
#include "engine/schema_set.h"
#include "engine/schema_stage.h"
#include "rules/registry.h"
#include "test_support.h"

namespace aic {
namespace {

using testing::TempDir;

namespace fs = std::filesystem;

const LintData& embedded_data() {
  static const LintData data = load_lint_data({});
  return data;
}

// Parses `text` as a file of `kind` and runs only the schema stage on it.
struct Checked {
  testing::Parsed parsed;
  std::vector<Diagnostic> findings;
  Checked(std::string text, FileKind kind = FileKind::config, const LintData& data = embedded_data())
      : parsed(std::move(text)) {
    std::size_t before = parsed.out.diagnostics().size();
    EXPECT_TRUE(parsed.doc.has_root());
    FileContext context{parsed.source, parsed.doc, parsed.out, kind, data, "t.json"};
    check_schema(context);
    const auto& all = parsed.out.diagnostics();
    findings.assign(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
    std::sort(findings.begin(), findings.end(), diagnostic_less);
  }
  const Diagnostic& only() const {
    EXPECT_EQ(findings.size(), 1u);
    if (findings.size() != 1)
      for (const auto& d : findings) ADD_FAILURE() << "finding: " << d.code << " " << d.pointer << " " << d.message;
    return findings.at(0);
  }
};

std::string help_of(const Diagnostic& d) {
  for (const Note& n : d.notes)
    if (n.kind == "help") return n.message;
  return {};
}

void expect_at(const Diagnostic& d, std::size_t line, std::size_t column) {
  EXPECT_EQ(d.begin.line, line) << d.message;
  EXPECT_EQ(d.begin.column, column) << d.message;
}

// ---- one test per message kind, each with its position ----

TEST(SchemaStage, TypeStringForIntegerAtItsValue) {
  Checked c(R"({
  "architectures": ["Qwen3ForCausalLM"],
  "num_hidden_layers": "61"
})");
  const Diagnostic& d = c.findings.at(0);
  ASSERT_EQ(c.findings.size(), 1u);
  EXPECT_EQ(d.code, "AIC201");
  EXPECT_EQ(d.pointer, "/num_hidden_layers");
  EXPECT_EQ(d.message,
            "num_hidden_layers must be an integer >= 1, found string \"61\" (types are strict: a "
            "quoted number is a string, and aiconfigurator uses it as written)");
  expect_at(d, 3, 24);
  EXPECT_EQ(d.end.column, 28u);  // the whole value "61", quotes included
  EXPECT_EQ(help_of(d), "write 61 without quotes");
}

TEST(SchemaStage, TypeStrictFloatAndBooleanAreNotIntegers) {
  Checked c(R"({"architectures": ["X"], "hidden_size": 4096.0, "vocab_size": true})");
  ASSERT_EQ(c.findings.size(), 2u);
  EXPECT_EQ(c.findings[0].message,
            "hidden_size must be an integer, found float 4096.0 (types are strict: a float is "
            "not an integer, even when it is whole)");
  expect_at(c.findings[0], 1, 41);
  EXPECT_EQ(help_of(c.findings[0]), "write 4096");
  EXPECT_EQ(c.findings[1].message,
            "vocab_size must be an integer >= 1, found boolean true (types are strict: a boolean is "
            "not a number)");
  expect_at(c.findings[1], 1, 63);
}

TEST(SchemaStage, TypeBooleanWrittenAsString) {
  Checked c(R"({"architectures": ["X"], "text_config": {"attention_k_eq_v": "false"}})");
  const Diagnostic& d = c.only();
  EXPECT_EQ(d.code, "AIC201");
  EXPECT_EQ(d.message,
            "text_config.attention_k_eq_v must be a boolean (true or false), found string \"false\" "
            "(types are strict: aiconfigurator reads it with bool(), and bool(\"false\") is True)");
  EXPECT_EQ(d.pointer, "/text_config/attention_k_eq_v");
  expect_at(d, 1, 62);
}

// Not UTF-8: AIC106 (the loader raises UnicodeDecodeError) and nothing from the schema, which
// would be moot; valijson, whose decoder reads past its table on a run of continuation bytes
// (fuzz/regressions/invalid-utf8-continuation-run-valijson-u8-strlen.json), is never called.
TEST(SchemaStage, InvalidUtf8FileGetsNoSchemaFindings) {
  Checked c("{\"architectures\": [\"\xa3\xa3\x83\xa3\xa3\xa3\xa3\xa3\xa3\xa3M\"], "
            "\"vocab_size\": 0}");
  EXPECT_FALSE(c.parsed.doc.valid_utf8());
  EXPECT_TRUE(c.findings.empty());
  Checked same_but_utf8(R"({"architectures": ["M"], "vocab_size": 0})");
  EXPECT_TRUE(same_but_utf8.parsed.doc.valid_utf8());
  EXPECT_EQ(same_but_utf8.only().code, "AIC204");
}

TEST(SchemaStage, MinimumAtItsValue) {
  Checked c("{\n  \"architectures\": [\"X\"],\n  \"vocab_size\": 0\n}");
  const Diagnostic& d = c.only();
  EXPECT_EQ(d.code, "AIC204");
  EXPECT_EQ(d.message, "vocab_size must be an integer >= 1, found 0");
  EXPECT_EQ(d.pointer, "/vocab_size");
  expect_at(d, 3, 17);
}

TEST(SchemaStage, MinimumOnNullableField) {
  Checked c(R"({"architectures": ["X"], "intermediate_size": -8})");
  EXPECT_EQ(c.only().message, "intermediate_size must be an integer >= 0 or null, found -8");
}

// The parser treats 0 as "not set" for these (a falsy chain, `or 0`, get(..., 0)) and never
// raises on a negative head count or size: head-dim-consistency (AIC304) warns, the schema stays
// quiet so one value is not reported twice.
TEST(SchemaStage, ZeroAndNegativeHeadFieldsAreLeftToHeadDimConsistency) {
  Checked c(R"({"architectures": ["X"], "head_dim": 0, "attention_head_dim": -1,
    "num_key_value_heads": -8, "num_attention_heads": 0, "hidden_size": -4096,
    "text_config": {"v_head_dim": 0, "kv_lora_rank": -1, "qk_rope_head_dim": 0, "num_key_value_heads": 0}})");
  EXPECT_TRUE(c.findings.empty());
  for (const auto& d : c.findings) ADD_FAILURE() << d.code << " " << d.pointer << " " << d.message;
}

TEST(SchemaStage, ZeroFallbackFieldsAcceptZeroButNotNegative) {
  Checked c(R"({"architectures": ["X"], "intermediate_size": 0, "moe_intermediate_size": 0,
    "swa_head_dim": 0, "attention_chunk_size": 0, "moe_latent_size": 0, "swa_num_key_value_heads": -1})");
  const Diagnostic& d = c.only();
  EXPECT_EQ(d.code, "AIC204");
  EXPECT_EQ(d.pointer, "/swa_num_key_value_heads");
}

TEST(SchemaStage, EnumListsAllowedValuesAndFoundValue) {
  Checked c(R"({
  "architectures": ["DeepseekV3ForCausalLM"],
  "quantization_config": {
    "quant_method": "awq"
  }
})");
  const Diagnostic& d = c.only();
  EXPECT_EQ(d.code, "AIC203");
  EXPECT_EQ(d.pointer, "/quantization_config/quant_method");
  EXPECT_EQ(d.message,
            "quantization_config.quant_method must be one of \"fp8\", \"fp8_block\", \"nvfp4\", "
            "\"mxfp4\", \"w4a16_mxfp4\", \"mixed_precision\", \"mixed-precision\", "
            "\"mixedprecision\", \"compressed-tensors\", \"modelopt\" (upper or lower case), "
            "found \"awq\"");
  expect_at(d, 4, 21);
  ASSERT_FALSE(d.notes.empty());
  EXPECT_NE(d.notes.back().message.find("Unsupported quant algorithm"), std::string::npos);
}

TEST(SchemaStage, UpperCaseQuantMethodIsAccepted) {
  // The consumer lower-cases it.
  EXPECT_TRUE(Checked(R"({"architectures": ["X"], "quantization_config": {"quant_method": "FP8"}})")
                  .findings.empty());
}

TEST(SchemaStage, RequiredAtParentOpeningBraceWithPointerOfMissingKey) {
  Checked c("\n  {\n  \"model_type\": \"qwen3\"\n}");
  const Diagnostic& d = c.only();
  EXPECT_EQ(d.code, "AIC202");
  EXPECT_EQ(d.message, "missing required key 'architectures'");
  EXPECT_EQ(d.pointer, "/architectures");
  expect_at(d, 2, 3);
  EXPECT_EQ(d.end.column, 4u);  // just the brace
  EXPECT_NE(help_of(d).find("add \"architectures\" (an array)"), std::string::npos);
}

TEST(SchemaStage, NestedPointerUnderTextConfig) {
  Checked c(R"({
  "architectures": ["Qwen3VLForConditionalGeneration"],
  "text_config": {
    "hidden_size": 4096,
    "num_hidden_layers": "61"
  }
})");
  const Diagnostic& d = c.only();
  EXPECT_EQ(d.pointer, "/text_config/num_hidden_layers");
  EXPECT_EQ(d.message.substr(0, 72),
            "text_config.num_hidden_layers must be an integer >= 1, found string \"61\"");
  expect_at(d, 5, 26);
}

TEST(SchemaStage, ArrayIndexBecomesPointerStep) {
  Checked c(R"({"architectures": ["X"],
 "layer_types": ["full_attention", "sliding_attention", 3],
 "block_configs": [{"attention": {}, "ffn": {}}, {"attention": null, "ffn": {}}]})");
  ASSERT_EQ(c.findings.size(), 2u);
  EXPECT_EQ(c.findings[0].pointer, "/layer_types/2");
  EXPECT_EQ(c.findings[0].message, "layer_types[2] must be a string, found integer 3");
  expect_at(c.findings[0], 2, 57);
  EXPECT_EQ(c.findings[1].pointer, "/block_configs/1/attention");
  EXPECT_EQ(c.findings[1].message, "block_configs[1].attention must be an object, found null");
  expect_at(c.findings[1], 3, 64);
}

TEST(SchemaStage, ArrayLengthAndStringLength) {
  Checked c(R"({"architectures": []})");
  EXPECT_EQ(c.only().code, "AIC205");
  EXPECT_EQ(c.only().message, "architectures must have at least 1 item, found 0");
  Checked e(R"({"architectures": [""]})");
  EXPECT_EQ(e.only().message, "architectures[0] must be at least 1 character long, found \"\"");
  EXPECT_EQ(e.only().pointer, "/architectures/0");
}

TEST(SchemaStage, OnlyLeafErrorsAreReported) {
  // valijson also reports "failed to validate against schema associated with property" for
  // text_config, quantization_config and the allOf around them: none of that may show.
  Checked c(R"({"architectures": ["X"], "text_config": {"quantization_config": {"weight_block_size": [128, "128"]}}})");
  const Diagnostic& d = c.only();
  EXPECT_EQ(d.pointer, "/text_config/quantization_config/weight_block_size/1");
  EXPECT_EQ(d.message.find("Failed"), std::string::npos);
}

TEST(SchemaStage, DuplicateKeyValidatesTheValueTheLoaderKeeps) {
  Checked c("{\"architectures\": [\"X\"],\n \"hidden_size\": 8,\n \"hidden_size\": \"8\"}");
  const Diagnostic& d = c.only();
  EXPECT_EQ(d.code, "AIC201");
  expect_at(d, 3, 17);
}

TEST(SchemaStage, OtherFilesAndUnknownKeysAreNotFindings) {
  EXPECT_TRUE(Checked(R"({"hidden_size": "x"})", FileKind::other).findings.empty());
  EXPECT_TRUE(Checked(R"({"architectures": ["X"], "my_own_key": [1, "a", null]})").findings.empty());
}

TEST(SchemaStage, ValidRealisticConfigHasNoFinding) {
  std::ifstream in(std::string(AIC_SOURCE_DIR) + "/examples/model_configs/deepseek-ai--DeepSeek-V3_config.json");
  std::stringstream text;
  text << in.rdbuf();
  ASSERT_FALSE(text.str().empty());
  EXPECT_TRUE(Checked(text.str()).findings.empty());
}

TEST(SchemaStage, ContextToPointerWalksTheDocument) {
  testing::Parsed p(R"({"a]b": {"c/d": [0, {"x~": 1}]}, "0": {"1": 2}})");
  EXPECT_EQ(context_to_pointer(p.doc, {"<root>"}), "");
  // A key may contain brackets; the step into an array is an index.
  EXPECT_EQ(context_to_pointer(p.doc, {"<root>", "[a]b]", "[c/d]", "[1]", "[x~]"}), "/a]b/c~1d/1/x~0");
  // A numeric step into an object is a key.
  EXPECT_EQ(context_to_pointer(p.doc, {"<root>", "[0]", "[1]"}), "/0/1");
}

// ---- the schemas themselves ----

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every "$ref" string anywhere in `v`.
void collect_refs(const rapidjson::Value& v, std::vector<std::string>& out) {
  if (v.IsObject()) {
    for (const auto& m : v.GetObject()) {
      if (std::string(m.name.GetString()) == "$ref" && m.value.IsString()) out.emplace_back(m.value.GetString());
      collect_refs(m.value, out);
    }
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) collect_refs(e, out);
  }
}

TEST(Schemas, AreValidDraft07AndEveryRefResolves) {
  rapidjson::Document meta;
  meta.Parse(read_text(fs::path(AIC_SOURCE_DIR) / "tests/data/json-schema-draft-07.json").c_str());
  ASSERT_FALSE(meta.HasParseError());
  valijson::Schema meta_schema;
  valijson::SchemaParser(valijson::SchemaParser::kDraft7)
      .populateSchema(valijson::adapters::RapidJsonAdapter(meta), meta_schema);

  std::size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(AIC_SOURCE_DIR) / "schemas")) {
    if (entry.path().extension() != ".json") continue;
    ++checked;
    SCOPED_TRACE(entry.path().filename().string());
    std::string text = read_text(entry.path());
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    ASSERT_FALSE(doc.HasParseError());
    ASSERT_TRUE(doc.HasMember("$schema"));
    EXPECT_EQ(std::string(doc["$schema"].GetString()), "http://json-schema.org/draft-07/schema#");

    valijson::Validator validator;
    valijson::ValidationResults results;
    bool valid = validator.validate(meta_schema, valijson::adapters::RapidJsonAdapter(doc), &results);
    EXPECT_TRUE(valid);
    for (const auto& e : results) {
      std::string where;
      for (const auto& c : e.context) where += c;
      ADD_FAILURE() << where << ": " << e.description;
    }

    std::vector<std::string> refs;
    collect_refs(doc, refs);
    for (const std::string& ref : refs) {
      ASSERT_FALSE(ref.empty());
      EXPECT_EQ(ref[0], '#') << ref << ": only local references (nothing is fetched)";
      rapidjson::Pointer pointer(ref.substr(1).c_str());
      EXPECT_TRUE(pointer.IsValid()) << ref;
      EXPECT_NE(pointer.Get(doc), nullptr) << ref << " points at nothing";
    }

    // And valijson compiles it (the stage's own compile path).
    EXPECT_NO_THROW(SchemaSet::compile(text, entry.path().string()));
    // The file on disk is the one embedded in the binary.
    auto embedded = find_embedded_asset("schemas/" + entry.path().filename().string());
    ASSERT_TRUE(embedded.has_value());
    EXPECT_EQ(*embedded, text) << "rebuild: the embedded copy is stale";
  }
  EXPECT_EQ(checked, 4u);  // model config, side-car, registry, aic-lint config
}

TEST(Schemas, MetaSchemaCheckCanFail) {
  // The check above must be able to fail: a schema with a wrong keyword type is rejected.
  rapidjson::Document meta;
  meta.Parse(read_text(fs::path(AIC_SOURCE_DIR) / "tests/data/json-schema-draft-07.json").c_str());
  valijson::Schema meta_schema;
  valijson::SchemaParser().populateSchema(valijson::adapters::RapidJsonAdapter(meta), meta_schema);
  rapidjson::Document bad;
  bad.Parse(R"({"type": "integer", "minimum": "1"})");
  valijson::Validator validator;
  EXPECT_FALSE(validator.validate(meta_schema, valijson::adapters::RapidJsonAdapter(bad), nullptr));
}

TEST(Schemas, NoPatternOnFileContent) {
  // Patterns would run std::regex (recursive in libstdc++) on strings from the files.
  for (std::string_view name : {"schemas/model-config.schema.json", "schemas/hf-quant-config.schema.json"}) {
    auto text = find_embedded_asset(name);
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(text->find("\"pattern"), std::string_view::npos) << name;
  }
}

// ---- --schema-dir ----

std::string usage_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no UsageError)";
}

TEST(SchemaDir, OverridesTheEmbeddedSchemas) {
  TempDir dir;
  dir.write("model-config.schema.json",
            R"({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                "required": ["license"], "properties": {"license": {"type": "string"}}})");
  dir.write("hf-quant-config.schema.json", R"({"type": "object"})");
  LintData data = load_lint_data({"", dir.path.string()});
  // The embedded schema would accept this (and require architectures); the user's requires license.
  Checked c(R"({"hidden_size": 1})", FileKind::config, data);
  const Diagnostic& d = c.only();
  EXPECT_EQ(d.message, "missing required key 'license'");
  EXPECT_EQ(d.pointer, "/license");
  EXPECT_TRUE(Checked(R"({"quantization": 3})", FileKind::side_car, data).findings.empty());
}

// The consumer reads a side-car without `quantization`, or without quant_algo, as unquantized,
// exactly like quant_algo null: side-car-consistency (AIC406) warns, the schema does not.
TEST(SchemaStage, SideCarWithoutAlgorithmIsNotASchemaFinding) {
  EXPECT_TRUE(Checked(R"({"quantization": {"kv_cache_quant_algo": "FP8"}})", FileKind::side_car).findings.empty());
  EXPECT_TRUE(Checked(R"({"producer": {"name": "modelopt", "version": 0.23}})", FileKind::side_car).findings.empty());
  EXPECT_TRUE(Checked(R"({"quantization": {"quant_algo": "FP8", "group_size": 16.0}})", FileKind::side_car).findings.empty());
}

TEST(SchemaStage, SideCarExcludeModulesAsStringSaysCharactersAreIterated) {
  Checked c(R"({"quantization": {"quant_algo": "FP8", "exclude_modules": "lm_head"}})", FileKind::side_car);
  const Diagnostic& d = c.only();
  EXPECT_EQ(d.code, "AIC201");
  EXPECT_NE(d.message.find("iterates a string's characters"), std::string::npos) << d.message;
  EXPECT_EQ(help_of(d), "write a list: [\"lm_head\"]");
}

// A user schema (--schema-dir) with anyOf of required lists still gets one finding.
TEST(SchemaDir, RequiredAlternativesGiveOneFinding) {
  TempDir dir;
  dir.write("model-config.schema.json", R"({"type": "object"})");
  dir.write("hf-quant-config.schema.json",
            R"({"type": "object", "properties": {"quantization": {"type": "object",
                "anyOf": [{"required": ["quant_algo"]}, {"required": ["quantization_algo"]}]}}})");
  LintData data = load_lint_data({"", dir.path.string()});
  Checked c(R"({
  "quantization": {
    "kv_cache_quant_algo": "FP8"
  }
})",
            FileKind::side_car, data);
  const Diagnostic& d = c.only();
  EXPECT_EQ(d.code, "AIC202");
  EXPECT_EQ(d.message, "missing required key 'quant_algo' (or 'quantization_algo') in quantization");
  EXPECT_EQ(d.pointer, "/quantization/quant_algo");
  expect_at(d, 2, 19);
}

TEST(SchemaDir, ProblemsAreUsageErrors) {
  TempDir dir;
  EXPECT_NE(usage_error([&] { load_lint_data({"", (dir.path / "nope").string()}); })
                .find("is not a directory"),
            std::string::npos);
  EXPECT_NE(usage_error([&] { load_lint_data({"", dir.path.string()}); })
                .find("has no model-config.schema.json"),
            std::string::npos);
  dir.write("model-config.schema.json", R"({"type": "object",})");
  dir.write("hf-quant-config.schema.json", R"({"type": "object"})");
  EXPECT_NE(usage_error([&] { load_lint_data({"", dir.path.string()}); }).find("is not valid JSON"),
            std::string::npos);
  dir.write("model-config.schema.json", R"({"properties": {"a": {"$ref": "#/definitions/missing"}}})");
  EXPECT_NE(usage_error([&] { load_lint_data({"", dir.path.string()}); })
                .find("is not a usable draft-07 schema"),
            std::string::npos);
  dir.write("model-config.schema.json", R"({"$ref": "https://example.invalid/remote.json"})");
  EXPECT_NE(usage_error([&] { load_lint_data({"", dir.path.string()}); })
                .find("is not a usable draft-07 schema"),
            std::string::npos);
}

TEST(SchemaDir, EveryRuleCodeIsRegistered) {
  for (const char* code : {"AIC201", "AIC202", "AIC203", "AIC204", "AIC205"})
    EXPECT_NE(find_rule_info(code), nullptr) << code;
  EXPECT_EQ(find_rule_info("schema-type"), find_rule_info("AIC201"));
}

}  // namespace
}  // namespace aic

// The field census (aic-lint fields) and the Phase-1 advice of aic-lint import: which keys a config
// has at which level, which the consumer reads, which are new, misspelt, missing, and the registry
// entry for a new architecture.
#include <gtest/gtest.h>

#include <string>

#include "assist/field_census.h"
#include "assist/phase1_advice.h"
#include "core/rapidjson.h"
#include "registry/architecture_registry.h"
#include "rules/model_id.h"

namespace aic {
namespace {

const ArchitectureRegistry& registry() {
  static const ArchitectureRegistry r = ArchitectureRegistry::load_embedded();
  return r;
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  EXPECT_FALSE(d.HasParseError()) << text;
  return d;
}

ConfigFields fields_of(const std::string& text) { return config_fields("x", parse(text), registry()); }

const std::string kQwen3 =
    R"({"architectures": ["Qwen3ForCausalLM"], "model_type": "qwen3", "hidden_size": 4096,
        "num_attention_heads": 32, "num_hidden_layers": 36, "vocab_size": 151936,
        "max_position_embeddings": 40960, "rope_scaling": {"factor": 2.0, "type": "yarn"},
        "quantization_config": {"quant_method": "fp8", "modules": {"model.layers.0": 1}}})";

TEST(FieldCensus, FlatConfigKeysAreDottedAndTablesAreNotExpanded) {
  ConfigFields f = fields_of(kQwen3);
  EXPECT_EQ(f.architecture, "Qwen3ForCausalLM");
  EXPECT_EQ(f.family, "LLAMA");
  EXPECT_TRUE(f.top_keys.empty());
  EXPECT_TRUE(f.llm_keys.count("rope_scaling.factor"));
  EXPECT_TRUE(f.llm_keys.count("quantization_config.modules"));
  EXPECT_FALSE(f.llm_keys.count("quantization_config.modules.model.layers.0"));  // a module table
  EXPECT_TRUE(f.read_keys.count("hidden_size"));
  EXPECT_TRUE(f.read_keys.count("architectures"));
  EXPECT_TRUE(f.read_keys.count("quantization_config.quant_method"));
  EXPECT_FALSE(f.read_keys.count("rope_scaling.factor"));
}

TEST(FieldCensus, NestedConfigsSplitTheLlmLevelFromTheTopLevel) {
  ConfigFields f = fields_of(
      R"({"architectures": ["Qwen3VLForConditionalGeneration"], "model_type": "qwen3_vl",
          "text_config": {"hidden_size": 4096, "model_type": "qwen3_vl_text"},
          "vision_config": {"depth": 27, "colour": "blue"}})");
  EXPECT_TRUE(f.llm_keys.count("hidden_size"));
  EXPECT_TRUE(f.llm_keys.count("model_type"));
  EXPECT_TRUE(f.top_keys.count("text_config"));
  EXPECT_FALSE(f.top_keys.count("text_config.hidden_size"));
  EXPECT_TRUE(f.top_keys.count("vision_config.depth"));
  EXPECT_TRUE(f.read_keys.count("vision_config.depth"));  // the QWEN3VL profile reads the vision tower
  EXPECT_FALSE(f.read_keys.count("vision_config.colour"));
  EXPECT_EQ(f.all_keys().count("model_type"), 1u);  // at both levels: one key
}

TEST(FieldCensus, CountsPerKeyPerFamilyAndReads) {
  std::vector<ConfigFields> configs = {
      fields_of(kQwen3),
      fields_of(R"({"architectures": ["MixtralForCausalLM"], "hidden_size": 1, "moe_inter_size": 2})"),
      fields_of(R"({"architectures": ["NoSuchForCausalLM"], "hidden_size": 1})")};
  std::vector<FieldRow> rows = field_census(configs);
  ASSERT_FALSE(rows.empty());
  EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.key < b.key; }));
  auto row = [&](const std::string& key) {
    for (const auto& r : rows)
      if (r.key == key) return r;
    ADD_FAILURE() << key;
    return FieldRow{};
  };
  FieldRow hidden = row("hidden_size");
  EXPECT_EQ(hidden.configs, 3u);
  EXPECT_EQ(hidden.read_in, 3u);
  EXPECT_EQ(hidden.families, (std::map<std::string, std::size_t>{{"LLAMA", 1}, {"MOE", 1}, {"unregistered", 1}}));
  FieldRow typo = row("moe_inter_size");
  EXPECT_EQ(typo.configs, 1u);
  EXPECT_EQ(typo.read_in, 0u);
}

TEST(FieldCensus, NewKeysAreThoseNoOtherConfigHas) {
  std::vector<ConfigFields> others = {fields_of(kQwen3)};
  ConfigFields mine = fields_of(
      R"({"architectures": ["Qwen3ForCausalLM"], "hidden_size": 1, "swa_head_dim": 64, "rope_scaling": {"alpha": 1}})");
  EXPECT_EQ(new_keys(mine, others), (std::vector<std::string>{"rope_scaling.alpha", "swa_head_dim"}));
  EXPECT_EQ(new_keys(mine, {}).size(), mine.all_keys().size());
}

TEST(Phase1Advice, RegisteredConfigNewFieldsMisspellingsAndMissingFields) {
  std::vector<ConfigFields> others = {fields_of(kQwen3)};
  auto doc = parse(
      R"({"architectures": ["Qwen3MoeForCausalLM"], "hidden_size": 1, "num_attention_heads": 1,
          "num_hidden_layers": 2, "max_position_embedding": 8, "moe_inter_size": 4,
          "num_experts": 8, "num_experts_per_tok": 2})");
  Phase1Advice a = phase1_advice(doc, others, registry());
  ASSERT_TRUE(a.registered);
  EXPECT_FALSE(a.guess);
  EXPECT_EQ(a.compared_with, 1u);
  std::map<std::string, NewField> by_key;
  for (const auto& f : a.new_fields) by_key[f.key] = f;
  EXPECT_EQ(by_key["max_position_embedding"].typo_of, "max_position_embeddings");
  EXPECT_NE(by_key["moe_inter_size"].alias_note.find("moe_intermediate_size"), std::string::npos);
  EXPECT_TRUE(by_key["num_experts"].read);
  std::vector<std::string> missing;
  for (const auto& m : a.missing_required) missing.push_back(m.key);
  EXPECT_EQ(missing, (std::vector<std::string>{"vocab_size", "max_position_embeddings"}));
}

TEST(Phase1Advice, UnregisteredArchitectureGetsTheClosestFamilyAndAnEntry) {
  auto doc = parse(
      R"({"architectures": ["MiMoV3FlashForCausalLM"], "model_type": "mimo_v3_flash", "hidden_size": 1,
          "num_attention_heads": 1, "num_hidden_layers": 2, "vocab_size": 1, "max_position_embeddings": 1,
          "hybrid_layer_pattern": [0, 1], "swa_head_dim": 64})");
  Phase1Advice a = phase1_advice(doc, {}, registry());
  EXPECT_FALSE(a.registered);
  ASSERT_TRUE(a.guess);
  EXPECT_EQ(a.guess->by_name, "MiMoV2FlashForCausalLM");
  EXPECT_EQ(a.guess->family, "HYBRIDMOE");
  EXPECT_EQ(a.guess->profile, "MIMOV2");
  EXPECT_NE(a.guess->entry_json.find("\"MiMoV3FlashForCausalLM\": {"), std::string::npos);
  EXPECT_NE(a.guess->entry_json.find("\"mimo_v3_flash\""), std::string::npos);
  EXPECT_EQ(a.profile->name, "MIMOV2");

  // Nothing like it by name or model_type: the family is chosen by the fields.
  auto nested = parse(
      R"({"architectures": ["ZzzModel"], "text_config": {"model_type": "zzz_text", "hidden_size": 1,
          "num_attention_heads": 1, "vocab_size": 1, "max_position_embeddings": 1,
          "linear_num_key_heads": 1, "linear_key_head_dim": 1, "linear_num_value_heads": 1,
          "linear_value_head_dim": 1, "linear_conv_kernel_dim": 1, "layer_types": ["full_attention"]}})");
  Phase1Advice b = phase1_advice(nested, {}, registry());
  ASSERT_TRUE(b.guess);
  EXPECT_TRUE(b.guess->by_name.empty());
  EXPECT_EQ(b.guess->family, "QWEN35");
  EXPECT_NE(b.guess->entry_json.find("\"text_config\": true"), std::string::npos);
  EXPECT_NE(b.guess->entry_json.find("\"zzz_text\""), std::string::npos);
  EXPECT_NE(b.guess->entry_json.find("\"<model_type>\""), std::string::npos);
}

TEST(ModelId, HuggingFaceIdsUseTheFileNamePartRules) {
  EXPECT_EQ(model_id::hf_id_problem("Qwen/Qwen3-8B"), "");
  EXPECT_NE(model_id::hf_id_problem("Qwen3-8B").find("not a HuggingFace id"), std::string::npos);
  EXPECT_NE(model_id::hf_id_problem("a/b/c").find("more than one '/'"), std::string::npos);
  EXPECT_EQ(model_id::hf_id_problem("-org/model"), "the org part starts with '-'");
  EXPECT_EQ(model_id::hf_id_problem("org/mo--del"), "the model part contains '--'");
}

}  // namespace
}  // namespace aic

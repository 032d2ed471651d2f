// The parser's reading order for expert count and top-k (falsy chain vs None chain), the LLM
// level, and when semantic rules stay quiet.
#include <gtest/gtest.h>

#include "engine/lint_data_loader.h"
#include "engine/linter.h"
#include "rules/config_view.h"
#include "test_support.h"

namespace aic {
namespace {

const LintData& data() {
  static const LintData d = load_lint_data({});
  return d;
}

// Builds the view of `json` as a config file and runs `f` on it.
template <typename F>
void with_view(const std::string& json, F&& f) {
  testing::Parsed p(json);
  FileContext c{p.source, p.doc, p.out, FileKind::config, data(), "x_config.json"};
  auto view = registered_config_view(c);
  f(view);
}

TEST(ConfigView, ExpertCountIsAFalsyChainEndingInNumExperts) {
  with_view(R"({"architectures": ["DeepseekV3ForCausalLM"], "num_local_experts": 0,
                "n_routed_experts": 256, "num_experts": 128})",
            [](auto& v) {
              ASSERT_TRUE(v);
              ExpertCount e = expert_count(*v);
              EXPECT_EQ(e.key(), "n_routed_experts");  // 0 is falsy: the chain goes on
              EXPECT_EQ(e.value->GetInt(), 256);
            });
  with_view(R"({"architectures": ["Gemma4ForConditionalGeneration"],
                "text_config": {"num_experts": null}})",
            [](auto& v) {
              ASSERT_TRUE(v);
              ExpertCount e = expert_count(*v);
              EXPECT_EQ(e.key(), "num_experts");  // None, as the parser gives
              EXPECT_TRUE(e.value->IsNull());
              EXPECT_FALSE(e.is_set());
            });
}

TEST(ConfigView, TopKIsANoneChainThenProfileExtras) {
  with_view(R"({"architectures": ["Qwen3MoeForCausalLM"], "num_experts_per_tok": 0,
                "moe_top_k": 8})",
            [](auto& v) {
              TopK k = top_k(*v);
              EXPECT_EQ(k.key(), "num_experts_per_tok");  // an explicit 0 is kept
              EXPECT_FALSE(k.is_set());
            });
  with_view(R"({"architectures": ["Qwen3MoeForCausalLM"], "num_experts_per_tok": null,
                "moe_top_k": 8})",
            [](auto& v) { EXPECT_EQ(top_k(*v).key(), "moe_top_k"); });
  with_view(R"({"architectures": ["KimiK3ForConditionalGeneration"],
                "text_config": {"num_experts_per_token": 8}})",
            [](auto& v) { EXPECT_EQ(top_k(*v).key(), "num_experts_per_token"); });
  with_view(R"({"architectures": ["Qwen3MoeForCausalLM"], "num_experts_per_token": 8})",
            [](auto& v) { EXPECT_FALSE(top_k(*v).value); });  // only Kimi-K3 reads _token
}

TEST(ConfigView, DottedKeysAndPointersFollowTheLlmLevel) {
  with_view(R"({"architectures": ["KimiK3ForConditionalGeneration"],
                "text_config": {"linear_attn_config": {"num_heads": 32}}})",
            [](auto& v) {
              ASSERT_TRUE(v);
              EXPECT_EQ(v->get("linear_attn_config.num_heads")->GetInt(), 32);
              EXPECT_EQ(v->get("linear_attn_config.head_dim"), nullptr);
              EXPECT_EQ(v->pointer("linear_attn_config.num_heads"),
                        "/text_config/linear_attn_config/num_heads");
            });
}

TEST(ConfigView, NoViewForUnregisteredOrRejectedFiles) {
  with_view(R"({"architectures": ["BertModel"]})", [](auto& v) { EXPECT_FALSE(v); });
  with_view("{\"architectures\": [\"Qwen3ForCausalLM\"], // c\n}", [](auto& v) { EXPECT_FALSE(v); });
  with_view(R"({"architectures": ["Qwen3VLForConditionalGeneration"], "text_config": 3})",
            [](auto& v) { EXPECT_FALSE(v); });
}

TEST(ConfigView, Truthiness) {
  rapidjson::Document d;
  d.Parse(R"([null, false, 0, 0.0, "", [], {}, 1, "a", [0], {"a": 0}, true])");
  for (rapidjson::SizeType i = 0; i < d.Size(); ++i) EXPECT_EQ(truthy(d[i]), i >= 7) << i;
}

}  // namespace
}  // namespace aic

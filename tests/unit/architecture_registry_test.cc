// The architecture registry loader: the embedded data loads and says what the parser does; a bad
// registry is a UsageError with file:line:col; --registry overrides the embedded file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/assets.h"
#include "core/errors.h"
#include "engine/lint_data_loader.h"
#include "registry/architecture_registry.h"

namespace aic {
namespace {

const ArchitectureRegistry& embedded() {
  static const ArchitectureRegistry r = ArchitectureRegistry::load_embedded();
  return r;
}

std::string embedded_text() { return std::string(*find_embedded_asset("rules/architectures.json")); }

std::string load_error(const std::string& text) {
  try {
    ArchitectureRegistry::parse(text, "reg.json");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(ArchitectureRegistry, EmbeddedLoadsWithEveryUpstreamArchitecture) {
  const auto& r = embedded();
  EXPECT_EQ(r.version(), 1);
  EXPECT_EQ(r.text_config_key(), "text_config");
  EXPECT_EQ(r.architectures().size(), 32u);  // ARCHITECTURE_TO_MODEL_FAMILY at 095f58a51
  const Architecture* kimi = r.find_architecture("KimiK25ForConditionalGeneration");
  ASSERT_NE(kimi, nullptr);
  EXPECT_TRUE(kimi->text_config);
  EXPECT_EQ(kimi->family, "KIMIK25");
  const Profile& p = r.profile_of(*kimi);
  EXPECT_TRUE(p.mla);
  ASSERT_NE(p.find_recommended("v_head_dim"), nullptr);
  EXPECT_EQ(p.find_recommended("v_head_dim")->default_json, "0");
}

TEST(ArchitectureRegistry, LookupIsExactAndCaseSensitive) {
  const auto& r = embedded();
  EXPECT_NE(r.find_architecture("DeepSeekForCausalLM"), nullptr);
  EXPECT_EQ(r.find_architecture("DeepseekForCausalLM"), nullptr);  // HF's spelling: not registered
  EXPECT_EQ(r.find_architecture("llamaforcausallm"), nullptr);
}

TEST(ArchitectureRegistry, ClosestNamesAreCaseInsensitiveAndBounded) {
  const auto& r = embedded();
  auto c = r.closest_architectures("DeepseekForCausalLM");
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c[0], "DeepSeekForCausalLM");
  auto q = r.closest_architectures("Qwen3MOEForCausalLM");
  ASSERT_FALSE(q.empty());
  EXPECT_EQ(q[0], "Qwen3MoeForCausalLM");
  EXPECT_TRUE(r.closest_architectures("BertModel").empty());
  EXPECT_EQ(edit_distance_icase("kitten", "SITTING"), 3u);
}

TEST(ArchitectureRegistry, PerLayerAndAliasesMergeGenericAndProfile) {
  const auto& r = embedded();
  const Profile& gemma = r.profile_of(*r.find_architecture("Gemma4ForConditionalGeneration"));
  auto fields = r.per_layer(gemma);
  auto it = std::find_if(fields.begin(), fields.end(), [](auto& f) { return f.key == "layer_types"; });
  ASSERT_NE(it, fields.end());
  EXPECT_TRUE(it->checked_by_parser);  // the profile's entry replaced the generic one
  EXPECT_TRUE(it->allows(AllowedValue{std::string("full_attention")}));
  EXPECT_FALSE(it->allows(AllowedValue{std::string("linear_attention")}));
  // Gemma-4 reads sliding_window: the MiMo-V2 alias sliding_window -> sliding_window_size must not
  // apply, but Gemma's own sliding_window_size -> sliding_window does.
  auto aliases = r.aliases(gemma);
  auto has = [&](std::string_view w) {
    return std::any_of(aliases.begin(), aliases.end(), [&](auto& a) { return a.written == w; });
  };
  EXPECT_TRUE(has("sliding_window_size"));
  EXPECT_FALSE(has("sliding_window"));
  EXPECT_TRUE(has("num_kv_heads"));
  const Profile& mimo = r.profile_of(*r.find_architecture("MiMoV2FlashForCausalLM"));
  auto mimo_aliases = r.aliases(mimo);
  EXPECT_TRUE(std::any_of(mimo_aliases.begin(), mimo_aliases.end(),
                          [](auto& a) { return a.written == "sliding_window"; }));
  const Profile& k3 = r.profile_of(*r.find_architecture("KimiK3ForConditionalGeneration"));
  auto k3_aliases = r.aliases(k3);
  EXPECT_TRUE(std::none_of(k3_aliases.begin(), k3_aliases.end(),
                           [](auto& a) { return a.written == "num_experts_per_token"; }));
  EXPECT_TRUE(r.reads(k3, "linear_attn_config.kda_layers"));
  EXPECT_FALSE(r.reads(k3, "moe_inter_size"));
}

TEST(ArchitectureRegistry, LlmLevelFollowsTheParser) {
  const auto& r = embedded();
  const Architecture* nested = r.find_architecture("Qwen3VLForConditionalGeneration");
  const Architecture* flat = r.find_architecture("LlamaForCausalLM");
  rapidjson::Document d;
  d.Parse(R"({"text_config": {"hidden_size": 8}, "hidden_size": 4})");
  LlmLevel a = r.llm_level(d, nested);
  ASSERT_NE(a.object, nullptr);
  EXPECT_TRUE(a.nested);
  EXPECT_EQ(a.pointer, "/text_config");
  EXPECT_EQ((*a.object)["hidden_size"].GetInt(), 8);
  LlmLevel b = r.llm_level(d, flat);  // a flat architecture never reads text_config
  EXPECT_FALSE(b.nested);
  EXPECT_EQ(b.pointer, "");
  d.Parse(R"({"text_config": null, "hidden_size": 4})");
  LlmLevel c = r.llm_level(d, nested);
  EXPECT_TRUE(c.text_config_not_object);
  EXPECT_EQ(c.object, nullptr);
  d.Parse(R"({"hidden_size": 4})");
  LlmLevel e = r.llm_level(d, nested);  // nested architecture without text_config: top level
  ASSERT_NE(e.object, nullptr);
  EXPECT_FALSE(e.nested);
}

TEST(ArchitectureRegistry, SyntaxErrorHasPosition) {
  std::string e = load_error("{\n  \"version\": 1,\n  \"generic\": }\n");
  EXPECT_NE(e.find("reg.json:3:"), std::string::npos) << e;
}

TEST(ArchitectureRegistry, SchemaViolationHasPositionAndPointer) {
  std::string text = embedded_text();
  // Break one architecture's text_config (boolean in the schema) without moving lines.
  std::string needle = "\"text_config\": false";
  auto at = text.find(needle);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, needle.size(), "\"text_config\": \"no\"");
  std::size_t line = 1 + std::count(text.begin(), text.begin() + at, '\n');
  std::string e = load_error(text);
  EXPECT_NE(e.find("reg.json:" + std::to_string(line) + ":"), std::string::npos) << e;
  EXPECT_NE(e.find("/architectures/LlamaForCausalLM/text_config"), std::string::npos) << e;
}

TEST(ArchitectureRegistry, UnknownProfileIsRejectedWithPosition) {
  std::string text = embedded_text();
  std::string needle = "\"profile\": \"MOE\"";
  auto at = text.find(needle);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, needle.size(), "\"profile\": \"MOO\"");
  std::size_t line = 1 + std::count(text.begin(), text.begin() + at, '\n');
  std::string e = load_error(text);
  EXPECT_NE(e.find("unknown profile 'MOO'"), std::string::npos) << e;
  EXPECT_NE(e.find("reg.json:" + std::to_string(line) + ":"), std::string::npos) << e;
}

TEST(ArchitectureRegistry, DuplicateKeyIsRejected) {
  std::string text = embedded_text();
  auto at = text.find("\"version\": 1,");
  text.insert(at, "\"version\": 1,\n  ");
  std::string e = load_error(text);
  EXPECT_NE(e.find("reg.json:3:3: duplicate key 'version'"), std::string::npos) << e;  // the second one
}

TEST(ArchitectureRegistry, RegistryFileOverridesEmbedded) {
  std::string text = embedded_text();
  // Register one more architecture by editing only the data.
  auto at = text.find("\"architectures\": {\n");
  ASSERT_NE(at, std::string::npos);
  text.insert(at + std::string("\"architectures\": {\n").size(),
              "    \"FooForCausalLM\": {\"family\": \"LLAMA\", \"profile\": \"LLAMA\", "
              "\"text_config\": false, \"model_types\": [\"foo\"]},\n");
  auto path = std::filesystem::temp_directory_path() / "aic_registry_override_test.json";
  { std::ofstream(path) << text; }
  LintData data = load_lint_data({path.string(), ""});
  ASSERT_NE(data.registry, nullptr);
  EXPECT_NE(data.registry->find_architecture("FooForCausalLM"), nullptr);
  EXPECT_EQ(load_lint_data({}).registry->find_architecture("FooForCausalLM"), nullptr);
  std::filesystem::remove(path);
  EXPECT_THROW(load_lint_data({path.string(), ""}), UsageError);  // now missing
}

}  // namespace
}  // namespace aic

namespace aic {
namespace {

// load_embedded() skips the schema check for start-up speed; this is where it is made.
TEST(RegistryLoader, EmbeddedRegistryConformsToItsSchema) {
  auto text = find_embedded_asset("rules/architectures.json");
  ASSERT_TRUE(text.has_value());
  EXPECT_NO_THROW(ArchitectureRegistry::parse(*text, "embedded", ArchitectureRegistry::SchemaCheck::validate));
  // And the check is real: a schema violation in the same text is refused.
  std::string broken(*text);
  broken.replace(broken.find("\"version\": 1"), 12, "\"version\": \"1\"");
  EXPECT_THROW(ArchitectureRegistry::parse(broken, "broken", ArchitectureRegistry::SchemaCheck::validate),
               UsageError);
}

// load_embedded() reads the text with plain RapidJSON (no positions, no JSON-level checks); it must
// build exactly what the full loader builds from the same text.
TEST(RegistryLoader, EmbeddedFastLoadEqualsFullParse) {
  auto text = find_embedded_asset("rules/architectures.json");
  ASSERT_TRUE(text.has_value());
  ArchitectureRegistry full = ArchitectureRegistry::parse(*text, "embedded", ArchitectureRegistry::SchemaCheck::validate);
  ArchitectureRegistry fast = ArchitectureRegistry::load_embedded();
  EXPECT_EQ(fast.version(), full.version());
  EXPECT_EQ(fast.upstream_commit(), full.upstream_commit());
  EXPECT_EQ(fast.text_config_key(), full.text_config_key());
  EXPECT_TRUE(fast.generic() == full.generic());
  EXPECT_TRUE(fast.profiles() == full.profiles());
  EXPECT_TRUE(fast.architectures() == full.architectures());
  EXPECT_TRUE(fast.families() == full.families());
  EXPECT_GT(fast.profiles().size(), 10u);
}

// The derived caches are built on first use, possibly by several workers at once: every thread
// sees the same, complete answers, and keys_read_by_any_profile is the union of the vocabularies.
TEST(RegistryLoader, LazyCachesAreCompleteAndThreadSafe) {
  const ArchitectureRegistry registry = ArchitectureRegistry::load_embedded();
  const ArchitectureRegistry reference = ArchitectureRegistry::load_embedded();
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (const auto& [name, profile] : registry.profiles()) {
        const auto& v = registry.vocabulary(profile);
        if (v != reference.vocabulary(*reference.find_profile(name))) ++mismatches[t];
        if (&v != &registry.vocabulary(profile)) ++mismatches[t];  // computed once, kept
      }
      if (registry.keys_read_by_any_profile() != reference.keys_read_by_any_profile()) ++mismatches[t];
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));

  std::set<std::string> union_of_vocabularies;
  for (const auto& [name, profile] : reference.profiles())
    for (const auto& key : reference.vocabulary(profile)) {
      EXPECT_TRUE(std::is_sorted(reference.vocabulary(profile).begin(), reference.vocabulary(profile).end()));
      if (key.find('.') == std::string::npos) union_of_vocabularies.insert(key);
    }
  EXPECT_EQ(reference.keys_read_by_any_profile(), union_of_vocabularies);
  EXPECT_TRUE(reference.keys_read_by_any_profile().count("num_hidden_layers"));

  // A copy may be changed, so it gets caches (and a serial) of its own.
  ArchitectureRegistry copy = reference;
  EXPECT_NE(copy.serial(), reference.serial());
  const Profile& llama = *copy.find_profile("LLAMA");
  EXPECT_EQ(copy.vocabulary(llama), reference.vocabulary(*reference.find_profile("LLAMA")));
  // A Profile that is not the registry's own is computed, not looked up by name.
  Profile foreign = llama;
  foreign.reads.push_back("zz_only_in_foreign");
  EXPECT_TRUE(copy.reads(foreign, "zz_only_in_foreign"));
  EXPECT_FALSE(copy.reads(llama, "zz_only_in_foreign"));
}

}  // namespace
}  // namespace aic

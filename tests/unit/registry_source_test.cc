// aiconfigurator's sdk/common.py tables: the Python literal reader (subset, positions, refusals),
// the diff against aic-lint's registry, and the overlay used by check --registry-source.
#include <gtest/gtest.h>

#include <string>

#include "core/errors.h"
#include "registry/architecture_registry.h"
#include "registry/python_literal.h"
#include "registry/registry_source.h"

namespace aic {
namespace {

const ArchitectureRegistry& embedded() {
  static const ArchitectureRegistry r = ArchitectureRegistry::load_embedded();
  return r;
}

std::string read_error(const std::string& text, std::string_view name = "T") {
  try {
    python::read_assignment(text, name, "c.py");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(PythonLiteral, ReadsTheSubset) {
  auto a = python::read_assignment(
      "# header\nT = {\n  'a': \"b\",  # comment with } and '\n  \"c\" \\\n : 'x' 'y',\n"
      "  'l': [1, -2, (3,), (4), {5, 5}, True, None],\n  r'\\d': '\\u00e9\\n\\q',\n}\n",
      "T", "c.py");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->line, 2u);
  const python::Value& v = a->value;
  ASSERT_EQ(v.kind, python::Value::Kind::dict);
  ASSERT_EQ(v.dict_size(), 4u);
  EXPECT_EQ(v.key(0).text, "a");
  EXPECT_EQ(v.value(0).text, "b");
  EXPECT_EQ(v.key(1).text, "c");
  EXPECT_EQ(v.value(1).text, "xy");  // adjacent strings concatenate
  EXPECT_EQ(v.key(1).line, 4u);
  EXPECT_EQ(v.key(1).column, 3u);
  const python::Value& l = v.value(2);
  ASSERT_EQ(l.kind, python::Value::Kind::list);
  ASSERT_EQ(l.items.size(), 7u);
  EXPECT_EQ(l.items[1].text, "-2");
  EXPECT_EQ(l.items[2].kind, python::Value::Kind::tuple);
  EXPECT_EQ(l.items[3].kind, python::Value::Kind::integer);  // (4) is not a tuple
  EXPECT_EQ(l.items[4].kind, python::Value::Kind::set);
  EXPECT_EQ(l.items[4].items.size(), 1u);
  EXPECT_EQ(v.key(3).text, "\\d");  // raw
  EXPECT_EQ(v.value(3).text, "\xC3\xA9\n\\q");
}

TEST(PythonLiteral, OnlyTopLevelAssignmentsOutsideStringsAndComments) {
  std::string text =
      "\"\"\"\nT = {'doc': 'string'}\n\"\"\"\n# T = {'comment': 'x'}\nclass C:\n    T = 'indented'\n"
      "x = (\nT)\nT: dict[str, str] = {'real': 'one'}\n";
  auto a = python::read_assignment(text, "T", "c.py");
  ASSERT_TRUE(a);
  ASSERT_EQ(a->value.dict_size(), 1u);
  EXPECT_EQ(a->value.key(0).text, "real");
  EXPECT_EQ(a->line, 9u);
  EXPECT_FALSE(python::read_assignment("TT = {}\nT2 = {}\n", "T", "c.py"));
}

TEST(PythonLiteral, RefusesAnythingElseWithLineAndColumn) {
  EXPECT_EQ(read_error("T = {\n    'a': f(1),\n}\n"),
            "c.py:2:10: expected a literal (string, dict, list, tuple, set, integer, True, False, None), "
            "found 'f': aic-lint reads literals only; it never runs the file");
  EXPECT_NE(read_error("T = {'a': 'b' + 'c'}\n").find("c.py:1:15: expected ',' or '}' in the dict, found '+'"),
            std::string::npos);
  EXPECT_NE(read_error("T = {**BASE}\n").find("c.py:1:6: unpacking"), std::string::npos);
  EXPECT_NE(read_error("T = {k: 'v' for k in x}\n").find("found 'k'"), std::string::npos);
  EXPECT_NE(read_error("T = {'a': 'b'\n").find("c.py:1:5: '{' is never closed"), std::string::npos);
  EXPECT_NE(read_error("T = {'a: 'b'}\n").find("c.py:1:11"), std::string::npos);
  EXPECT_NE(read_error("T = {[1]: 'b'}\n").find("unhashable"), std::string::npos);
  EXPECT_NE(read_error("T = {'a': b'x'}\n").find("bytes literal is not supported"), std::string::npos);
  EXPECT_NE(read_error("T = {}\nT = {}\n").find("c.py:2:1: T is assigned again (first at line 1)"),
            std::string::npos);
  EXPECT_NE(read_error("T = {}\nT['x'] = 'y'\n").find("c.py:2:1: top-level statement modifies T"),
            std::string::npos);
  EXPECT_NE(read_error("T = {}\nT.update(x)\n").find("modifies T"), std::string::npos);
  EXPECT_NE(read_error("T = {} ; x = 1\n").find("unexpected ';' after the literal"), std::string::npos);
  EXPECT_EQ(read_error("T = {'a': 1.5}\n"), "c.py:1:11: only decimal integers are supported, found '1.5'");
}

TEST(PythonLiteral, DuplicateKeysKeepTheLastValueAsPythonDoes) {
  auto a = python::read_assignment("T = {'a': 'x', 'b': 'y', 'a': 'z'}\n", "T", "c.py");
  ASSERT_TRUE(a);
  ASSERT_EQ(a->value.dict_size(), 2u);
  EXPECT_EQ(a->value.key(0).text, "a");
  EXPECT_EQ(a->value.value(0).text, "z");
}

TEST(RegistrySource, NeedsTheFamilyTableOfStrings) {
  auto error = [](const std::string& text) {
    try {
      parse_registry_source(text, "c.py");
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error("X = 1\n").find("no top-level 'ARCHITECTURE_TO_MODEL_FAMILY = {...}'"), std::string::npos);
  EXPECT_EQ(error("ARCHITECTURE_TO_MODEL_FAMILY = {'A': 1}\n"),
            "c.py:1:38: ARCHITECTURE_TO_MODEL_FAMILY holds an integer, expected strings only");
  EXPECT_EQ(error("ARCHITECTURE_TO_MODEL_FAMILY = ['A']\n"),
            "c.py:1:32: ARCHITECTURE_TO_MODEL_FAMILY is a list, expected a dict of strings to strings");
}

TEST(RegistrySource, DiffListsEveryKindOfDifference) {
  std::string text = "ARCHITECTURE_TO_MODEL_FAMILY = {\n";
  for (const auto& [name, a] : embedded().architectures()) {
    if (name == "MixtralForCausalLM") continue;                           // only ours
    std::string family = name == "Qwen3MoeForCausalLM" ? "HYBRIDMOE" : a.family;  // family differs
    text += "  '" + name + "': '" + family + "',\n";
  }
  text += "  'NewForCausalLM': 'NEWFAMILY',\n}\nMULTIMODAL_TEXT_CONFIG_KEY = {\n";
  for (const auto& [name, a] : embedded().architectures())
    if (a.text_config && name != "Gemma4ForConditionalGeneration") text += "  '" + name + "': 'text_config',\n";
  text += "  'GhostForConditionalGeneration': 'text_config',\n}\n";
  RegistryDiff d = diff_registry(parse_registry_source(text, "c.py"), embedded());
  EXPECT_EQ(d.only_upstream, std::vector<std::string>{"NewForCausalLM"});
  EXPECT_EQ(d.only_ours, std::vector<std::string>{"MixtralForCausalLM"});
  ASSERT_EQ(d.family_changes.size(), 1u);
  EXPECT_EQ(d.family_changes[0].upstream, "HYBRIDMOE");
  EXPECT_EQ(d.family_changes[0].ours, "MOE");
  ASSERT_EQ(d.nesting_changes.size(), 1u);
  EXPECT_EQ(d.nesting_changes[0].architecture, "Gemma4ForConditionalGeneration");
  EXPECT_EQ(d.nesting_changes[0].upstream, "");
  EXPECT_EQ(d.unknown_families, std::vector<std::string>{"NEWFAMILY"});
  EXPECT_EQ(d.nesting_unregistered, std::vector<std::string>{"GhostForConditionalGeneration"});
  EXPECT_EQ(d.count(), 5u);
}

TEST(RegistrySource, OverlayTakesFamilyAndNestingFromTheSourceAndProfilesFromUs) {
  RegistrySource s = parse_registry_source(
      "ARCHITECTURE_TO_MODEL_FAMILY = {\n"
      "  'Qwen3MoeForCausalLM': 'MOE',\n"            // same family: our QWEN_MOE profile kept
      "  'Qwen2MoeForCausalLM': 'DEEPSEEK',\n"       // moved: the family's default profile
      "  'BrandNewForCausalLM': 'LLAMA',\n"          // unknown: LLAMA's default, marked
      "  'OtherNewForCausalLM': 'NOVEL',\n"          // unknown family: GENERIC
      "}\nMULTIMODAL_TEXT_CONFIG_KEY = {'BrandNewForCausalLM': 'text_config'}\n",
      "c.py");
  ArchitectureRegistry r = overlay_registry_source(embedded(), s);
  EXPECT_EQ(r.architectures().size(), 4u);
  EXPECT_EQ(r.find_architecture("LlamaForCausalLM"), nullptr);  // not registered by the source
  const Architecture* qwen3 = r.find_architecture("Qwen3MoeForCausalLM");
  ASSERT_TRUE(qwen3);
  EXPECT_EQ(qwen3->profile, "QWEN_MOE");
  EXPECT_FALSE(qwen3->source_only);
  const Architecture* qwen2 = r.find_architecture("Qwen2MoeForCausalLM");
  EXPECT_EQ(qwen2->family, "DEEPSEEK");
  EXPECT_EQ(qwen2->profile, "DEEPSEEK");
  EXPECT_FALSE(qwen2->source_only);
  const Architecture* brand = r.find_architecture("BrandNewForCausalLM");
  EXPECT_EQ(brand->profile, "LLAMA");
  EXPECT_TRUE(brand->text_config);
  EXPECT_TRUE(brand->source_only);
  const Architecture* other = r.find_architecture("OtherNewForCausalLM");
  EXPECT_EQ(other->profile, "GENERIC");
  ASSERT_TRUE(r.find_family("NOVEL"));
  EXPECT_EQ(&r.profile_of(*other), r.find_profile("GENERIC"));

  RegistrySource odd = parse_registry_source(
      "ARCHITECTURE_TO_MODEL_FAMILY = {'A': 'LLAMA'}\nMULTIMODAL_TEXT_CONFIG_KEY = {'A': 'language_config'}\n", "c.py");
  EXPECT_THROW(overlay_registry_source(embedded(), odd), UsageError);
}

TEST(RegistrySource, EntryJsonHasTheRegistryFileLayout) {
  Architecture a;
  a.name = "FooForConditionalGeneration";
  a.family = "LLAMA";
  a.profile = "LLAMA";
  a.text_config = true;
  a.model_types = {"foo"};
  a.text_model_types = {"foo_text"};
  EXPECT_EQ(registry_entry_json(a),
            "    \"FooForConditionalGeneration\": {\n"
            "      \"family\": \"LLAMA\",\n"
            "      \"profile\": \"LLAMA\",\n"
            "      \"text_config\": true,\n"
            "      \"model_types\": [\n"
            "        \"foo\"\n"
            "      ],\n"
            "      \"text_model_types\": [\n"
            "        \"foo_text\"\n"
            "      ]\n"
            "    }");
}

}  // namespace
}  // namespace aic

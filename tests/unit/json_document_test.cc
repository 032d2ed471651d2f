#include "core/json_document.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <memory>

#include "core/rapidjson.h"  // first: it configures RapidJSON
#include <rapidjson/pointer.h>

#include "test_support.h"

namespace aic {
namespace {

using testing::Parsed;

TEST(JsonDocument, IndexesNestedObjectsAndArrays) {
  Parsed p("{\n  \"a\": {\"b\": [10, 20, {\"c\": true}]},\n  \"d\": null\n}\n");
  ASSERT_TRUE(p.doc.has_root());
  EXPECT_TRUE(p.out.diagnostics().empty());
  auto c = p.doc.find("/a/b/2/c");
  ASSERT_NE(c, JsonDocument::kNone);
  Location at = p.source.location(p.doc.node(c).begin);
  EXPECT_EQ(at.line, 2u);
  EXPECT_EQ(at.column, 29u);
  EXPECT_EQ(p.source.text().substr(p.doc.node(c).begin, 4), "true");
  auto twenty = p.doc.find("/a/b/1");
  ASSERT_NE(twenty, JsonDocument::kNone);
  EXPECT_EQ(p.source.text().substr(p.doc.node(twenty).begin, p.doc.node(twenty).end - p.doc.node(twenty).begin), "20");
  auto d = p.doc.find("/d");
  ASSERT_NE(d, JsonDocument::kNone);
  EXPECT_EQ(p.source.location(p.doc.node(d).key_begin).line, 3u);
  EXPECT_EQ(p.source.location(p.doc.node(d).key_begin).column, 3u);
  EXPECT_EQ(p.doc.pointer_of(c), "/a/b/2/c");
}

TEST(JsonDocument, ObjectSpanCoversBraces) {
  Parsed p("{\"a\": {\"x\": 1}}");
  auto a = p.doc.find("/a");
  ASSERT_NE(a, JsonDocument::kNone);
  EXPECT_EQ(p.source.text().substr(p.doc.node(a).begin, p.doc.node(a).end - p.doc.node(a).begin), "{\"x\": 1}");
}

TEST(JsonDocument, EscapedPointerTokens) {
  Parsed p(R"({"a/b": {"m~n": 1}})");
  auto n = p.doc.find("/a~1b/m~0n");
  ASSERT_NE(n, JsonDocument::kNone);
  EXPECT_EQ(p.doc.pointer_of(n), "/a~1b/m~0n");
  EXPECT_EQ(split_pointer("/a~1b/m~0n"), (std::vector<std::string>{"a/b", "m~n"}));
  EXPECT_EQ(escape_pointer_token("~/"), "~0~1");
}

TEST(JsonDocument, MissingPointerFallsBackToNearestAncestor) {
  Parsed p("{\n  \"text_config\": {\n    \"x\": 1\n  }\n}");
  EXPECT_EQ(p.doc.find("/text_config/hidden_size"), JsonDocument::kNone);
  auto n = p.doc.nearest("/text_config/hidden_size");
  EXPECT_EQ(p.doc.pointer_of(n), "/text_config");
  EXPECT_EQ(p.doc.pointer_of(p.doc.nearest("/nope/deeper")), "");
}

TEST(JsonDocument, CrlfLinesAndMultibyteColumns) {
  Parsed p("{\r\n  \"name\": \"h\xC3\xA9llo\",\r\n  \"x\": 1\r\n}");
  auto x = p.doc.find("/x");
  ASSERT_NE(x, JsonDocument::kNone);
  EXPECT_EQ(p.source.location(p.doc.node(x).begin).line, 3u);
  EXPECT_EQ(p.source.location(p.doc.node(x).begin).column, 8u);
  Parsed q("{\"\xE4\xB8\xAD\xE6\x96\x87\": 7}");  // two CJK characters, 3 bytes each
  auto v = q.doc.find("/\xE4\xB8\xAD\xE6\x96\x87");
  ASSERT_NE(v, JsonDocument::kNone);
  EXPECT_EQ(q.source.location(q.doc.node(v).begin).column, 8u);  // {"中文": 7 counts code points
}

TEST(JsonDocument, SyntaxErrorHasPosition) {
  Parsed p("{\n  \"a\": 1\n  \"b\": 2\n}");
  auto errors = p.with_code("AIC101");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].begin.line, 3u);
  EXPECT_EQ(errors[0].begin.column, 3u);
  EXPECT_NE(errors[0].message.find("comma"), std::string::npos);
  EXPECT_FALSE(p.doc.has_root());
}

TEST(JsonDocument, UnexpectedEndOfFile) {
  Parsed p("{\"a\": [1, 2");
  auto errors = p.with_code("AIC101");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("end of file"), std::string::npos);
}

TEST(JsonDocument, CommentsAreReportedAndParsingGoesOn) {
  Parsed p("{\n  \"a\": 1, // the layers\n  /* block */ \"b\": 2\n}");
  auto comments = p.with_code("AIC102");
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0].begin.line, 2u);
  EXPECT_EQ(comments[0].begin.column, 11u);
  EXPECT_EQ(comments[1].begin.line, 3u);
  EXPECT_EQ(comments[1].begin.column, 3u);
  ASSERT_TRUE(p.doc.has_root());
  EXPECT_NE(p.doc.find("/b"), JsonDocument::kNone);
  EXPECT_EQ(p.source.location(p.doc.node(p.doc.find("/b")).key_begin).column, 15u);
}

// RapidJSON ends a line comment at a line feed only: after "// c\r" the rest of the line is still
// comment, and the positions of later tokens must agree (a fuzzer found keys read past the text).
TEST(JsonDocument, LineCommentEndsAtLineFeedOnly) {
  Parsed p("{\"a\": 1, // c\r\"b\": 2\n}");
  EXPECT_EQ(p.with_code("AIC102").size(), 1u);  // the comment
  EXPECT_EQ(p.doc.root().MemberCount(), 1u);  // "b" was inside the comment
  EXPECT_FALSE(p.doc.root().HasMember("b"));
  ASSERT_EQ(p.doc.nodes().size(), 2u);
  EXPECT_EQ(p.doc.key(p.doc.node(1)), "a");
  EXPECT_EQ(p.doc.pointer_of(1), "/a");
  EXPECT_EQ(p.doc.node(0).end, p.source.text().size());  // the root ends at its '}'
  auto commas = p.with_code("AIC103");
  ASSERT_EQ(commas.size(), 1u);
  EXPECT_NE(commas[0].message.find("before '}'"), std::string::npos) << commas[0].message;
}

TEST(JsonDocument, TrailingCommas) {
  Parsed p("{\"a\": [1, 2,],\n \"b\": 1,\n}");
  auto commas = p.with_code("AIC103");
  ASSERT_EQ(commas.size(), 2u);
  EXPECT_EQ(commas[0].begin.line, 1u);
  EXPECT_EQ(commas[0].begin.column, 12u);
  EXPECT_EQ(commas[1].begin.line, 2u);
  EXPECT_EQ(commas[1].begin.column, 8u);
}

TEST(JsonDocument, DuplicateKeysKeepTheLastValueAndPointToBoth) {
  Parsed p("{\n  \"n\": 36,\n  \"m\": {\"k\": 1, \"k\": 2},\n  \"n\": 28\n}");
  auto dups = p.with_code("AIC104");
  ASSERT_EQ(dups.size(), 2u);
  std::sort(dups.begin(), dups.end(), diagnostic_less);
  // Sorted by position of the later key.
  EXPECT_EQ(dups[0].begin.line, 3u);
  EXPECT_EQ(dups[1].begin.line, 4u);
  ASSERT_EQ(dups[1].notes.size(), 2u);
  EXPECT_EQ(dups[1].notes[0].location.line, 2u);
  EXPECT_EQ(p.doc.root()["n"].GetInt(), 28);
  EXPECT_EQ(p.doc.root()["m"]["k"].GetInt(), 2);
  EXPECT_EQ(p.doc.root().MemberCount(), 2u);
  EXPECT_EQ(p.doc.root()["m"].MemberCount(), 1u);
  auto n = p.doc.find("/n");
  EXPECT_EQ(p.source.location(p.doc.node(n).begin).line, 4u);
}

// Objects past eight members go through the hash table; keys of more than 16 bytes that share
// their first and last eight bytes differ only in the middle, which the table must still compare.
TEST(JsonDocument, DuplicateKeysInALargeObject) {
  std::string text = "{";
  for (int i = 0; i < 12; ++i) text += "\"prefix__" + std::to_string(i) + "__suffix\": " + std::to_string(i) + ", ";
  text += "\"prefix__7__suffix\": 70, \"a\": 1, \"a\": 2}";
  Parsed p(text);
  auto dups = p.with_code("AIC104");
  ASSERT_EQ(dups.size(), 2u);
  EXPECT_EQ(dups[0].message.find("duplicate key 'prefix__7__suffix'"), 0u) << dups[0].message;
  EXPECT_EQ(dups[1].message.find("duplicate key 'a'"), 0u) << dups[1].message;
  EXPECT_EQ(p.doc.root().MemberCount(), 13u);
  EXPECT_EQ(p.doc.root()["prefix__7__suffix"].GetInt(), 70);
  EXPECT_EQ(p.doc.root()["prefix__10__suffix"].GetInt(), 10);
  EXPECT_EQ(p.doc.root()["a"].GetInt(), 2);
}

// A quantized_layers-like map: wider than max_indexed_children, so the fast path indexes none
// of its children until asked; what is asked then is found where the full index has it.
std::string wide_map(int members, const std::string& extra = "") {
  std::string text = "{\n  \"q\": {\"layers\": {\n";
  for (int i = 0; i < members; ++i)
    text += "    \"model.layers." + std::to_string(i) + ".mlp\": {\"quant_algo\": \"NVFP4\", \"bits\": [4, " +
            std::to_string(i) + "]},\n";
  return text + extra + "    \"last\": []\n  }},\n  \"after\": 1\n}\n";
}

TEST(JsonDocument, WideContainersAreIndexedWhenAskedFor) {
  const std::string text = wide_map(300);
  Parsed lazy(text);
  Parsed full(text, ParseOptions{.fast_path = false});
  ASSERT_TRUE(lazy.doc.read_by_fast_path());
  EXPECT_TRUE(lazy.out.diagnostics().empty());
  // The map's 301 members and their values have no nodes yet: root, q, layers, after.
  EXPECT_EQ(lazy.doc.nodes().size(), 4u);
  auto layers = lazy.doc.find("/q/layers");
  ASSERT_NE(layers, JsonDocument::kNone);
  EXPECT_TRUE(lazy.doc.node(layers).lazy);
  EXPECT_TRUE(lazy.doc.has_children(layers));
  for (std::string pointer : {"/q/layers/model.layers.299.mlp/bits/1", "/q/layers/model.layers.0.mlp/quant_algo",
                              "/q/layers/last", "/after", "/q/layers/model.layers.7.mlp"}) {
    auto a = lazy.doc.find(pointer), b = full.doc.find(pointer);
    ASSERT_NE(a, JsonDocument::kNone) << pointer;
    ASSERT_NE(b, JsonDocument::kNone) << pointer;
    EXPECT_EQ(lazy.doc.pointer_of(a), pointer);
    EXPECT_EQ(lazy.doc.node(a).begin, full.doc.node(b).begin) << pointer;
    EXPECT_EQ(lazy.doc.node(a).end, full.doc.node(b).end) << pointer;
    EXPECT_EQ(lazy.doc.node(a).key_begin, full.doc.node(b).key_begin) << pointer;
    EXPECT_EQ(lazy.doc.node(a).type, full.doc.node(b).type) << pointer;
    EXPECT_EQ(lazy.doc.value_of(a), &*rapidjson::Pointer(pointer.c_str()).Get(lazy.doc.root())) << pointer;
  }
  EXPECT_EQ(lazy.doc.find("/q/layers/model.layers.300.mlp"), JsonDocument::kNone);
  EXPECT_EQ(lazy.doc.pointer_of(lazy.doc.nearest("/q/layers/model.layers.3.mlp/nope")), "/q/layers/model.layers.3.mlp");
  EXPECT_FALSE(lazy.doc.has_children(lazy.doc.find("/q/layers/last")));  // []
  // Found once, a node keeps its number (the map was indexed one level, then one member's).
  EXPECT_EQ(lazy.doc.find("/q/layers/model.layers.299.mlp/bits/1"), lazy.doc.find("/q/layers/model.layers.299.mlp/bits/1"));
}

// One lookup under a wide container indexes its whole subtree in one scan: a deep pointer costs
// one scan of the container, not one per level (a chain of 120 levels under a 6 MB map took
// 0.6 s when each level was indexed on its own).
TEST(JsonDocument, ALookupIndexesTheWholeLazySubtreeAtOnce) {
  std::string deep = "{\"x\": ";
  for (int level = 0; level < 20; ++level) deep += "[[9], 1, ";  // [9]: off the path
  deep += "\"bottom\"";
  for (int level = 0; level < 20; ++level) deep += "]";
  deep += "}";
  Parsed lazy(deep, ParseOptions{.max_indexed_children = 1});
  std::string pointer = "/x";
  for (int level = 0; level < 20; ++level) pointer += "/2";
  auto bottom = lazy.doc.find(pointer);
  ASSERT_NE(bottom, JsonDocument::kNone);
  EXPECT_EQ(lazy.source.text().substr(lazy.doc.node(bottom).begin, 8), "\"bottom\"");
  // Every node under /x is indexed now: the raw links reach all 81 values, none lazy.
  std::vector<std::uint32_t> pending{lazy.doc.find("/x")};
  std::size_t values = 0;
  while (!pending.empty()) {
    const auto& n = lazy.doc.node(pending.back());
    pending.pop_back();
    ++values;
    EXPECT_FALSE(n.lazy);
    for (auto c = n.indexed_first_child; c != JsonDocument::kNone; c = lazy.doc.node(c).next_sibling) pending.push_back(c);
  }
  EXPECT_EQ(values, 81u);
}

TEST(JsonDocument, ARepeatedKeyInAWideContainerIsReportedAsEverywhere) {
  for (const std::string& extra : {std::string("    \"model.layers.5.mlp\": {\"quant_algo\": \"FP8\"},\n"),
                                   std::string("    \"deep\": {\"a\": 1, \"b\": 2, \"a\": 3},\n")}) {
    const std::string text = wide_map(300, extra);
    Parsed lazy(text), in_copy_lazier(text, ParseOptions{.max_indexed_children = 1});
    Parsed full(text, ParseOptions{.fast_path = false});
    ASSERT_TRUE(lazy.doc.read_by_fast_path());
    auto dups = lazy.with_code("AIC104");
    ASSERT_EQ(dups.size(), 1u) << extra;
    EXPECT_EQ(dups[0].message, full.with_code("AIC104").at(0).message);
    EXPECT_EQ(dups[0].pointer, full.with_code("AIC104").at(0).pointer);
    EXPECT_EQ(dups[0].begin.line, full.with_code("AIC104").at(0).begin.line);
    EXPECT_EQ(dups[0].begin.column, full.with_code("AIC104").at(0).begin.column);
    EXPECT_EQ(in_copy_lazier.with_code("AIC104").at(0).pointer, dups[0].pointer);
    // The loader's view: the last value wins.
    const auto& layers = lazy.doc.root()["q"]["layers"];
    if (extra.find("deep") != std::string::npos) {
      EXPECT_EQ(layers["deep"]["a"].GetInt(), 3);
      EXPECT_EQ(layers["deep"].MemberCount(), 2u);
    } else {
      EXPECT_STREQ(layers["model.layers.5.mlp"]["quant_algo"].GetString(), "FP8");
      EXPECT_EQ(layers.MemberCount(), 301u);
    }
  }
}

// A mapped file can change under the document (another process writing it): indexing a lazy
// container then reads whatever bytes are there, and must still stop, within the text.
TEST(JsonDocument, LazyIndexingStopsOnBytesChangedSinceTheParse) {
  const std::string text = "{\"a\": [1, 2, [3, 4], {\"k\": \"v\", \"l\": [5, 6]}], \"b\": {\"x\": 1, \"y\": 2}}";
  for (std::size_t at = 1; at < text.size(); ++at) {
    for (char replacement : {'}', ']', '"', '\0', ',', ':', '['}) {
      SourceFile source("t.json", text);
      FileDiagnostics out(source);
      JsonDocument doc = JsonDocument::parse_in_place(source, out, ParseOptions{.max_indexed_children = 1});
      ASSERT_TRUE(doc.read_by_fast_path());
      source.bytes_for_in_place_parse()[at] = replacement;
      // Everything reachable, as far as the bytes allow: no hang, no read past the text (ASan).
      std::vector<std::uint32_t> pending{0};
      std::size_t seen = 0;
      while (!pending.empty() && seen < 1000) {
        std::uint32_t n = pending.back();
        pending.pop_back();
        ++seen;
        for (auto c = doc.first_child(n); c != JsonDocument::kNone; c = doc.node(c).next_sibling) {
          EXPECT_LE(doc.node(c).end, text.size());
          EXPECT_LE(doc.key(doc.node(c)).size(), text.size());
          pending.push_back(c);
        }
      }
      EXPECT_LT(seen, 1000u);
    }
  }
}

// A node under an earlier value of a repeated key: the DOM kept only the last value, of another
// type here. value_of answers as a pointer into the DOM would (nothing, for most of them), and
// must not trip RapidJSON's assertions on the way.
TEST(JsonDocument, NodesUnderAnOverriddenValueGetWhatTheirPointerGets) {
  Parsed p(R"({"e": [1, {"k": 2}], "e": {"x": 1}, "f": {"a": 1}, "f": [3]})");
  ASSERT_EQ(p.with_code("AIC104").size(), 2u);
  for (std::uint32_t n = 0; n < p.doc.nodes().size(); ++n) {
    std::string pointer = p.doc.pointer_of(n);
    EXPECT_EQ(p.doc.value_of(n), rapidjson::Pointer(pointer.c_str()).Get(p.doc.root())) << pointer;
  }
  EXPECT_EQ(p.doc.value_of(p.doc.find("/e/x"))->GetInt(), 1);
}

// The duplicate-key check leaves an index of the root's members, as the DOM keeps them: with a
// repeated name at the root, built again after the earlier member is removed.
TEST(JsonDocument, RootMembersIndexTheLoadersView) {
  Parsed clean("{\"a\": 1, \"nested\": {\"b\": 2}}");
  ASSERT_NE(clean.doc.root_members(), nullptr);
  EXPECT_EQ(clean.doc.root_members()->find("a")->GetInt(), 1);
  EXPECT_TRUE(clean.doc.root_members()->find("nested")->IsObject());
  EXPECT_EQ(clean.doc.root_members()->find("b"), nullptr);

  Parsed repeated("{\"a\": 1, \"c\": 3, \"a\": 2, \"d\": {\"e\": 1, \"e\": 5}}");
  ASSERT_NE(repeated.doc.root_members(), nullptr);
  EXPECT_EQ(repeated.doc.root_members()->find("a")->GetInt(), 2);
  EXPECT_EQ(repeated.doc.root_members()->find("c")->GetInt(), 3);
  EXPECT_EQ((*repeated.doc.root_members()->find("d"))["e"].GetInt(), 5);
  EXPECT_EQ(repeated.doc.root_members()->find("a"), &repeated.doc.root()["a"]);

  Parsed empty("{}");
  ASSERT_NE(empty.doc.root_members(), nullptr);
  EXPECT_EQ(empty.doc.root_members()->find("a"), nullptr);
  EXPECT_EQ(Parsed("[1]").doc.root_members(), nullptr);
  EXPECT_EQ(Parsed("{\"a\": }").doc.root_members(), nullptr);  // a syntax error: no document
}

// Documents recycle their storage within a thread: several alive at once stay independent, and
// a document parsed after others were destroyed starts empty.
TEST(JsonDocument, DocumentsAliveAtOnceAreIndependent) {
  std::vector<std::unique_ptr<Parsed>> docs;
  for (int round = 0; round < 2; ++round) {
    docs.clear();
    for (int i = 0; i < 6; ++i)
      docs.push_back(std::make_unique<Parsed>("{\"i\": " + std::to_string(i) + ", \"list\": [" +
                                              std::string(i, '1') + "]}"));
    for (int i = 0; i < 6; ++i) {
      EXPECT_EQ(docs[i]->doc.root()["i"].GetInt(), i);
      EXPECT_EQ(docs[i]->doc.root().MemberCount(), 2u);
      EXPECT_EQ(docs[i]->doc.nodes().size(), i == 0 ? 3u : 4u);
    }
  }
  Parsed after("[1]");
  EXPECT_TRUE(after.doc.root().IsArray());
  EXPECT_EQ(after.doc.nodes().size(), 2u);
}

TEST(JsonDocument, ByteOrderMark) {
  Parsed p("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_EQ(p.with_code("AIC105").size(), 1u);
  ASSERT_TRUE(p.doc.has_root());
  EXPECT_EQ(p.source.location(p.doc.node(p.doc.find("/a")).begin).column, 8u);
}

TEST(JsonDocument, InvalidUtf8) {
  Parsed p("{\"a\": \"x\xFFy\"}");
  auto bad = p.with_code("AIC106");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].begin.column, 9u);
  EXPECT_NE(bad[0].message.find("0xFF"), std::string::npos);
  Parsed surrogate("{\"a\": \"\xED\xA0\x80\"}");
  EXPECT_EQ(surrogate.with_code("AIC106").size(), 1u);
  Parsed overlong("{\"a\": \"\xC0\xAF\"}");
  EXPECT_EQ(overlong.with_code("AIC106").size(), 1u);
}

TEST(JsonDocument, EmptyAndBlankFiles) {
  EXPECT_EQ(Parsed("").with_code("AIC107").size(), 1u);
  EXPECT_EQ(Parsed(" \n\t\r\n").with_code("AIC107").size(), 1u);
}

TEST(JsonDocument, TopLevelNotObject) {
  Parsed p("[1, 2]");
  ASSERT_EQ(p.with_code("AIC108").size(), 1u);
  EXPECT_TRUE(p.doc.has_root());
}

TEST(JsonDocument, InfinityAndNanBecomeNullWithWarning) {
  Parsed p("{\"limit\": [0.0, Infinity], \"x\": NaN}");
  auto w = p.with_code("AIC109");
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].begin.column, 17u);
  EXPECT_EQ(w[0].pointer, "/limit/1");
  EXPECT_EQ(w[0].severity, Severity::warning);
  EXPECT_TRUE(p.doc.root()["limit"][1].IsNull());
  EXPECT_TRUE(p.doc.root()["x"].IsNull());
}

TEST(JsonDocument, NegativeInfinityIsAnError) {
  Parsed p("{\"a\": -Infinity}");
  auto e = p.with_code("AIC110");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].severity, Severity::error);
  EXPECT_EQ(e[0].begin.column, 7u);
  EXPECT_EQ(e[0].end.column, 16u);
}

TEST(JsonDocument, InfIsNotJson) {
  Parsed p("{\"a\": Inf}");
  EXPECT_EQ(p.with_code("AIC101").size(), 1u);
}

// Numbers RapidJSON 1.1 calls too big but Python's json reads: past double's range they are
// inf (a warning: the loader does not rewrite them), with a huge exponent on a small
// significand they are finite (no finding). Either way the file is read, as the loader reads it.
TEST(JsonDocument, NumbersPastDoubleRangeAreReadAsPythonReadsThem) {
  Parsed p("{\"a\": 1e400, \"b\": [-1e400, 0e4000, -0.0001e310], \"c\": 1.8e308, \"s\": \"1e400\"}");
  EXPECT_TRUE(p.with_code("AIC101").empty());
  auto w = p.with_code("AIC109");
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].pointer, "/a");
  EXPECT_EQ(w[0].begin.column, 7u);
  EXPECT_EQ(w[0].end.column, 12u);  // the whole token, not the rewrite RapidJSON read
  EXPECT_NE(w[0].message.find("'1e400' is past the range of a double"), std::string::npos) << w[0].message;
  EXPECT_NE(w[1].message.find("reads it as -inf"), std::string::npos) << w[1].message;
  EXPECT_EQ(w[1].pointer, "/b/0");
  EXPECT_EQ(w[2].pointer, "/c");
  const auto& root = p.doc.root();
  EXPECT_TRUE(root["a"].IsDouble());
  EXPECT_EQ(root["a"].GetDouble(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(root["b"][0].GetDouble(), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(root["b"][1].IsDouble());  // 0.0, a float in Python too
  EXPECT_EQ(root["b"][1].GetDouble(), 0.0);
  EXPECT_EQ(root["b"][2].GetDouble(), -1e306);
  EXPECT_EQ(std::string(root["s"].GetString()), "1e400");  // strings are left alone
  EXPECT_EQ(p.doc.node(p.doc.find("/b/2")).end - p.doc.node(p.doc.find("/b/2")).begin, 11u);
}

// The pass runs again after each rewrite: what it reported before is reported once, and a
// hostile file of such numbers costs a bounded number of passes (past that, a syntax error).
TEST(JsonDocument, RewritingNumbersReportsOtherFindingsOnce) {
  Parsed p("{\"a\": 1, // one\n \"b\": 1e999, \"c\": [2,], \"d\": 0e999}");
  EXPECT_EQ(p.with_code("AIC102").size(), 1u);
  EXPECT_EQ(p.with_code("AIC103").size(), 1u);
  EXPECT_EQ(p.with_code("AIC109").size(), 1u);
  EXPECT_TRUE(p.with_code("AIC101").empty());
  // Many of them: all found by one scan (two passes, not one per number).
  std::string many = "[";
  for (int i = 0; i < 400; ++i) many += std::string(i ? "," : "") + (i % 2 ? "0e999" : "-1e400");
  Parsed hostile("{\"a\": " + many + "], \"s\": \"\\ud800 1e999\"}");
  EXPECT_TRUE(hostile.with_code("AIC101").empty());
  EXPECT_EQ(hostile.with_code("AIC109").size(), 200u);
  EXPECT_EQ(hostile.with_code("AIC113").size(), 1u);
  EXPECT_EQ(std::string(hostile.doc.root()["s"].GetString()), "\xEE\x80\x80 1e999");
}

// What JSON's grammar rejects stays an error where Python's json reports it, also after a
// number RapidJSON calls too big; integers: Python reads up to 4300 digits exactly, no more.
TEST(JsonDocument, RewritesKeepJsonsGrammarAndPythonsIntegerLimit) {
  const std::string big(309, '9');
  Parsed dot("{\"a\": " + big + ".}");
  auto e = dot.with_code("AIC101");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].begin.column, 7u + big.size());  // at the '.'
  Parsed fraction("{\"a\": [-" + big + ".E-5]}");
  EXPECT_EQ(fraction.with_code("AIC101").size(), 1u);
  Parsed integer("{\"a\": " + std::string(400, '9') + "}");
  auto w = integer.with_code("AIC109");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].message.find("an integer of 400 digits"), std::string::npos) << w[0].message;
  Parsed huge("{\"a\": 1" + std::string(5000, '0') + "}");
  e = huge.with_code("AIC101");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("an integer of 5001 digits: Python's json refuses more than 4300"), std::string::npos)
      << e[0].message;
}

// Surrogate escapes without their pair: Python's json keeps them (RapidJSON rejects a lone high
// one, and turns a lone low one into bytes that are not UTF-8); aic-lint reads the file, warns,
// and the rules see U+FFFD in their place. A proper pair is a character like any other.
TEST(JsonDocument, LoneSurrogateEscapesAreReadWithAWarning) {
  Parsed p(R"({"a": "x\ud800y", "k\udbff\u0041": 1, "b": "\udc00", "ok": "\ud83d\ude00"})");
  EXPECT_TRUE(p.with_code("AIC101").empty());
  auto w = p.with_code("AIC113");
  ASSERT_EQ(w.size(), 3u);
  std::sort(w.begin(), w.end(), [](const auto& x, const auto& y) { return x.begin.column < y.begin.column; });
  EXPECT_EQ(w[0].pointer, "/a");
  EXPECT_EQ(w[0].begin.column, 9u);
  EXPECT_EQ(w[0].end.column, 15u);
  EXPECT_NE(w[0].message.find("'\\ud800'"), std::string::npos) << w[0].message;
  EXPECT_NE(w[1].message.find("'\\udbff'"), std::string::npos) << w[1].message;
  EXPECT_EQ(w[2].pointer, "/b");
  const auto& root = p.doc.root();
  EXPECT_EQ(std::string(root["a"].GetString()), "x\xEE\x80\x80y");  // U+E000 stands for U+D800
  EXPECT_TRUE(root.HasMember("k\xEE\x8F\xBF" "A"));                   // U+E3FF for U+DBFF
  EXPECT_EQ(std::string(root["b"].GetString()), "\xEE\x90\x80");      // U+E400 for U+DC00
  EXPECT_EQ(std::string(root["ok"].GetString()), "\xF0\x9F\x98\x80");
}

// Lone surrogates stay distinct (Python keeps them, so keys that differ by one are different
// keys), and a high surrogate followed by a pair is one finding, for the lone one.
TEST(JsonDocument, LoneSurrogatesStayDistinct) {
  Parsed p(R"({"\uD800": 1, "\uD801": 2, "\uDC00": 3, "\uDC01": 4, "\ufffd": 5, "s": "\uD800\uD800\uDC00"})");
  EXPECT_TRUE(p.with_code("AIC104").empty());
  EXPECT_EQ(p.doc.root().MemberCount(), 6u);
  auto w = p.with_code("AIC113");
  EXPECT_EQ(w.size(), 5u);
  for (const auto& d : w) EXPECT_NE(d.begin.column, 85u) << "the \\uDC00 of the pair is not lone";
}

TEST(JsonDocument, InfinityWordInsideStrings) {
  Parsed p(R"({"note": "NaN handling", "Infinity": 1, "ok": "NaNo xInfinity Infinity_"})");
  auto w = p.with_code("AIC111");
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].begin.column, 11u);
  EXPECT_EQ(w[1].begin.column, 27u);
}

// The parser is RapidJSON's recursive one; these messages are the ones its iterative parser gave
// (and the golden outputs hold) for a document that starts with a token that cannot start a value.
TEST(JsonDocument, DocumentStartingWithAPunctuatorIsCalledEmpty) {
  for (const char* text : {":1", "]", "  }", ",{}"}) {
    Parsed p(text);
    auto e = p.with_code("AIC101");
    ASSERT_EQ(e.size(), 1u) << text;
    EXPECT_EQ(e[0].message.rfind("the document is empty, found '", 0), 0u) << text << ": " << e[0].message;
  }
  Parsed invalid("x");
  ASSERT_EQ(invalid.with_code("AIC101").size(), 1u);
  EXPECT_EQ(invalid.with_code("AIC101")[0].message.rfind("invalid value", 0), 0u);
}

// The recursive parser's depth is the handler's limit: the deepest allowed nesting parses.
TEST(JsonDocument, DeepestAllowedNestingParses) {
  std::string deep = std::string(1000, '[') + std::string(1000, ']');
  Parsed p(deep, ParseOptions{1000});
  EXPECT_TRUE(p.with_code("AIC112").empty());
  EXPECT_TRUE(p.doc.has_root());
}

TEST(JsonDocument, DepthLimit) {
  std::string deep(200, '[');
  deep += std::string(200, ']');
  Parsed p(deep, ParseOptions{64});
  EXPECT_EQ(p.with_code("AIC112").size(), 1u);
  EXPECT_TRUE(p.with_code("AIC101").empty());
  EXPECT_FALSE(p.doc.has_root());
}

TEST(JsonDocument, MillionLevelsDoNotOverflowTheStack) {
  std::string deep(1000000, '[');
  Parsed p(deep);
  EXPECT_EQ(p.with_code("AIC112").size(), 1u);
}

TEST(JsonDocument, NulByteIsAnError) {
  Parsed p(std::string("{\"a\": 1\0}", 9));
  auto e = p.with_code("AIC101");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("NUL"), std::string::npos);
}

}  // namespace
}  // namespace aic

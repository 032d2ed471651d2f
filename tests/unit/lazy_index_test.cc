// The lazy index (core/lazy_index.h, JsonDocument::first_child) against the full pass on random
// texts (every max_indexed_children, in a copy and in place: node tree, value_of, findings), and
// what indexing a container lazily may cost: no memory kept after the document, none for a
// moved document.
#include <gtest/gtest.h>

#include <malloc.h>

#include <cstdlib>
#include <new>
#include <random>

#include "../../fuzz/front_end_differential.h"  // first: it includes core/rapidjson.h

#include <rapidjson/pointer.h>

#include "core/json_document.h"
#include "test_support.h"

#if defined(__SANITIZE_ADDRESS__)
#define AIC_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AIC_UNDER_ASAN 1
#endif
#endif

// Counts this thread's operator new calls while `counting` (the whole test binary's operator new:
// a pass-through to malloc otherwise). Not under ASan, whose own operator new and delete must
// stay paired (the Release suite runs the test).
#if !defined(AIC_UNDER_ASAN)
namespace {
thread_local bool counting = false;
thread_local int allocations = 0;
}  // namespace
void* operator new(std::size_t n) {
  if (counting) ++allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace aic {
namespace {

struct Gen {
  std::mt19937 rng;
  explicit Gen(unsigned seed) : rng(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  std::string ws() {
    static const char* w[] = {"", "", " ", "\n  ", "\t", "\r\n", " \r\n\t "};
    return w[pick(7)];
  }
  std::string key() {
    static const char* k[] = {"a", "b", "c", "d", "e", "f", "", "x[y]", "{", "]", "g h", "é", "a/b", "m~n"};
    return std::string("\"") + k[pick(dups ? 14 : 14)] + (dups ? "" : std::to_string(counter++)) + "\"";
  }
  bool dups = false;
  int counter = 0;
  std::string value(int depth) {
    int k = depth > 4 ? pick(6) : pick(9);
    switch (k) {
      case 0: return "1";
      case 1: return "-2.5e3";
      case 2: return "\"s{[\"";
      case 3: return "true";
      case 4: return "null";
      case 5: return "\"\"";
      case 6:
      case 7: {
        int n = pick(8);
        std::string s = "[" + ws();
        for (int i = 0; i < n; ++i) s += (i ? "," + ws() : "") + value(depth + 1) + ws();
        return s + "]";
      }
      default: {
        int n = pick(8);
        std::string s = "{" + ws();
        for (int i = 0; i < n; ++i) s += (i ? "," + ws() : "") + key() + ws() + ":" + ws() + value(depth + 1) + ws();
        return s + "}";
      }
    }
  }
};

struct Result {
  std::string tree, values, findings;
  bool fast = false;
};

void walk(const JsonDocument& doc, std::uint32_t n, Result& r) {
  std::string p = doc.pointer_of(n);
  if (doc.find(p) != n) return;  // under a shadowed duplicate (value_of is not for those)
  const rapidjson::Value* v = doc.value_of(n);
  const rapidjson::Value* w = rapidjson::Pointer(p.c_str()).Get(doc.root());
  r.values += p + (v ? fuzz::front_end_detail::describe(*v) : "null") + (v == w ? "" : " VALUE_OF != POINTER") + "\n";
  for (auto c = doc.first_child(n); c != JsonDocument::kNone; c = doc.node(c).next_sibling) walk(doc, c, r);
}

Result run(const std::string& text, bool fast, bool in_place, std::size_t max) {
  SourceFile source("t.json", text);
  FileDiagnostics out(source);
  ParseOptions o;
  o.fast_path = fast;
  o.max_indexed_children = max;
  JsonDocument doc = in_place ? JsonDocument::parse_in_place(source, out, o) : JsonDocument::parse(source, out, o);
  Result r;
  r.fast = doc.read_by_fast_path();
  if (!doc.nodes().empty()) {
    fuzz::front_end_detail::flatten_nodes(doc, source.text(), 0, r.tree);
    walk(doc, 0, r);
  }
  for (const auto& d : out.diagnostics())
    r.findings += d.code + " " + std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column) + " " +
                  d.message + " @" + d.pointer + "\n";
  return r;
}

TEST(LazyIndex, RandomTextsAgreeWithTheFullPass) {
  int taken = 0;
  for (unsigned seed = 0; seed < 5000; ++seed) {
    Gen g(seed);
    g.dups = seed % 3 == 0;
    std::string text = (seed % 5 == 0 ? "\xEF\xBB\xBF" : "") + g.ws() + (seed % 7 == 0 ? g.value(0) : "{" + g.key() + ":" + g.value(1) + "," + g.key() + ":" + g.value(1) + "}") + g.ws();
    Result full;
    try { full = run(text, false, false, SIZE_MAX); } catch (const std::exception& e) { ADD_FAILURE() << "full " << seed << " " << e.what() << "\n" << text; return; }
    for (std::size_t max : {0, 1, 2, 3}) {
      for (bool in_place : {false, true}) {
        Result lazy;
        try { lazy = run(text, true, in_place, max); } catch (const std::exception& e) { ADD_FAILURE() << "lazy " << seed << " " << max << in_place << " " << e.what() << "\n" << text; return; }
        if (!lazy.fast) continue;
        ++taken;
        EXPECT_EQ(lazy.tree, full.tree) << text << " max " << max << " in place " << in_place;
        EXPECT_EQ(lazy.values, full.values) << text << " max " << max << " in place " << in_place;
        EXPECT_EQ(lazy.findings, full.findings) << text << " max " << max << " in place " << in_place;
        if (HasFailure()) return;
      }
    }
  }
  EXPECT_GT(taken, 10000);
}


// A wide object indexed lazily, then the document gone: the thread must not keep memory in
// proportion to that object (a worker lints thousands of files after it).
TEST(LazyIndex, IndexingAWideContainerKeepsNoMemoryOnceTheDocumentIsGone) {
  std::string text = "{\"m\": {";
  for (int i = 0; i < 2000000; ++i) text += (i ? ",\"" : "\"") + std::to_string(i) + "\":0";
  text += "}}";
  auto in_use = [] {
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;  // small chunks, and large ones (mapped)
  };
  const std::size_t before = in_use();
  {
    testing::Parsed p(text);
    ASSERT_TRUE(p.doc.read_by_fast_path());
    ASSERT_NE(p.doc.find("/m/1999999"), JsonDocument::kNone);
  }
  const std::size_t after = in_use();
  // Kept on purpose: the DOM's first chunk and an index buffer of at most 16 MiB.
  EXPECT_LT(after, before + (20u << 20)) << "kept " << (after - before) / (1 << 20) << " MiB";
}


TEST(LazyIndex, MovedDocumentKeepsIndexing) {
  std::string text = "{\"m\": {";
  for (int i = 0; i < 300; ++i) text += (i ? ",\"" : "\"") + std::to_string(i) + "\":{\"x\":[1,{\"y\":2}]}";
  text += "}}";
  for (bool in_place : {false, true}) {
    SourceFile source("t.json", text);
    FileDiagnostics out(source);
    JsonDocument a = in_place ? JsonDocument::parse_in_place(source, out) : JsonDocument::parse(source, out);
    ASSERT_NE(a.find("/m/5/x"), JsonDocument::kNone);
    JsonDocument b = std::move(a);
    auto n = b.find("/m/299/x/1/y");
    ASSERT_NE(n, JsonDocument::kNone);
    EXPECT_EQ(b.node(n).begin, text.rfind('2'));
    JsonDocument c = JsonDocument::parse(source, out);
    c = std::move(b);
    EXPECT_EQ(c.find("/m/299/x/1/y"), n);
    EXPECT_NE(c.find("/m/7/x/1/y"), JsonDocument::kNone);
  }
}

// json_document.h: "a worker parses one file after another, and a small file's document then
// costs no allocation at all" (its DOM and index buffer are recycled). The lazy index must not
// change that for documents that have no lazy container.
#if !defined(AIC_UNDER_ASAN)
TEST(LazyIndex, ASmallDocumentParsedInPlaceAllocatesNothing) {
  SourceFile source("t.json", std::string("{\"a\": [1, 2], \"b\": {\"c\": \"d\"}}"));
  FileDiagnostics out(source);
  for (int i = 0; i < 2; ++i) JsonDocument warm = JsonDocument::parse_in_place(source, out);  // a DOM to recycle
  counting = true;
  allocations = 0;
  {
    JsonDocument doc = JsonDocument::parse_in_place(source, out);
    JsonDocument moved = std::move(doc);
    EXPECT_TRUE(moved.read_by_fast_path());
  }
  counting = false;
  EXPECT_EQ(allocations, 0);
}
#endif

}  // namespace
}  // namespace aic


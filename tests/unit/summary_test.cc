// The summary's own line finder against SourceFile (which places every other diagnostic), and
// anchors captured from a parsed file against the positions SourceFile gives their nodes.
#include "engine/summary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aic {
namespace {

const std::vector<std::string> kTexts = {
    "",
    "{}",
    "{\n  \"a\": 1\n}\n",
    "{\r\n  \"a\": 1,\r\n\r\n  \"b\": \"\xc3\xa9t\xc3\xa9\"\r\n}\r\n",  // CRLF, an empty line, UTF-8
    "{\r  \"a\": 1,\r  \"b\": 2}\r",                                // lone CR
    "\xef\xbb\xbf{\n\r\n\r\r\n\n \"x\": [1,\r2]\n\r",                // BOM, every terminator mixed
    "line without end",
    "\r\n\r\n",
    "\n\n\n",
};

void expect_same(const std::string& text, const std::vector<std::size_t>& offsets, LineFinder& lines) {
  SourceFile source("t.json", text);
  for (std::size_t offset : offsets) {
    LineFinder::Line line = lines.at(offset);
    Location expected = source.location(offset);
    EXPECT_EQ(line.number, expected.line) << "offset " << offset << " of " << testing::PrintToString(text);
    EXPECT_EQ(count_code_points(source.text().substr(line.begin, offset - line.begin)) + 1, expected.column)
        << "offset " << offset << " of " << testing::PrintToString(text);
    EXPECT_EQ(line.text, source.line_text(expected.line))
        << "offset " << offset << " of " << testing::PrintToString(text);
  }
}

TEST(LineFinder, AgreesWithSourceFileAtEveryOffsetInEitherOrder) {
  for (const std::string& text : kTexts) {
    std::vector<std::size_t> forward, backward;
    for (std::size_t i = 0; i <= text.size(); ++i) forward.push_back(i);
    backward.assign(forward.rbegin(), forward.rend());
    LineFinder one_pass(text), restarting(text);
    expect_same(text, forward, one_pass);
    expect_same(text, backward, restarting);  // every call goes back: a fresh scan each time
    for (std::size_t i = 0; i <= text.size(); ++i) {  // from scratch at each offset
      LineFinder fresh(text);
      expect_same(text, {i}, fresh);
    }
  }
}

// A config parsed and summarized as the file stage does it.
struct Summarized {
  SourceFile source;
  FileDiagnostics out;
  JsonDocument doc;
  FileSummary summary;
  Summarized(const std::string& name, const std::string& text)
      : source(name, text), out(source), doc(JsonDocument::parse(source, out)) {
    summary.kind = FileKind::config;
    if (doc.has_root()) summarize_document(doc, source, summary);
  }
};

// A parsed file's anchors sit where SourceFile places their values (or keys), with their line's
// text kept for the code frame.
TEST(Summary, AnchorsAgreeWithSourceFile) {
  const std::string text =
      "{\r\n  \"architectures\": [\"Qwen3ForCausalLM\"],\r  \"_name_or_path\": \"Qw\xc3\xa9n/x\",\n"
      "  \"quantization_config\": {\"quant_method\": \"fp8\", \"kv_cache_scheme\": {\"type\": \"fp8\"}}\n}";
  Summarized parsed("Qwen--Qwen3-8B_config.json", text);
  ASSERT_TRUE(parsed.doc.has_root());
  const SourceFile& source = parsed.source;
  const FileSummary& summary = parsed.summary;
  const Anchors& at = summary.anchors();
  struct Case {
    const Anchor& anchor;
    std::string pointer;
    std::size_t offset;
  };
  auto offset_of = [&](std::string_view needle) { return text.find(needle); };
  const std::vector<Case> cases = {
      {at.root_at, "", 0},
      {at.architecture_at, "/architectures/0", offset_of("\"Qwen3For")},
      {at.name_or_path_at, "/_name_or_path", offset_of("\"Qw\xc3\xa9n")},
      {at.quant_at, "/quantization_config", offset_of("\"quantization_config\"")},
      {at.quant_algo_at, "/quantization_config/quant_method", offset_of("\"fp8\"")},
      {at.kv_cache_quant_algo_at, "/quantization_config/kv_cache_scheme", offset_of("\"kv_cache_scheme\"")},
  };
  for (const Case& c : cases) {
    Location expected = source.location(c.offset);
    EXPECT_EQ(summary.pointer(c.anchor), c.pointer);
    EXPECT_EQ(c.anchor.line, expected.line) << c.pointer;
    EXPECT_EQ(c.anchor.column, expected.column) << c.pointer;
    EXPECT_EQ(c.anchor.snippet_column, 0u) << c.pointer;  // short lines: kept whole
    EXPECT_EQ(summary.view(c.anchor.text), source.line_text(expected.line)) << c.pointer;
  }
  EXPECT_EQ(summary.architecture(), "Qwen3ForCausalLM");
  EXPECT_EQ(summary.name_or_path(), "Qw\xc3\xa9n/x");
  EXPECT_EQ(summary.quant_algo(), "fp8");
  EXPECT_EQ(summary.kv_cache_quant_algo(), "fp8");
}

// On a long line (a minified file) an anchor keeps its code frame, not the line: the frame and
// the columns are SourceFile's.
TEST(Summary, AnchorsOnALongLineKeepTheirCodeFrame) {
  std::string pad;
  for (int i = 0; i < 400; ++i) pad += "\xc3\xa9\xe2\x82\xac";  // 2- and 3-byte code points
  const std::string text = "{\"pad\": \"" + pad + "\", \"architectures\": [\"LlamaForCausalLM\"], " +
                           "\"quantization_config\": {\"quant_method\": \"fp8\"}, \"tail\": \"" +
                           std::string(300, 'x') + "\"}";
  Summarized parsed("meta-llama--Llama-3-8B_config.json", text);
  ASSERT_TRUE(parsed.doc.has_root());
  const SourceFile& source = parsed.source;
  const FileSummary& summary = parsed.summary;
  const Anchors& at = summary.anchors();
  for (const auto& [anchor, offset] : {std::pair<const Anchor&, std::size_t>{at.architecture_at, text.find("\"LlamaFor")},
                                       {at.quant_algo_at, text.find("\"fp8\"")}}) {
    Location expected = source.location(offset);
    Snippet frame = source.snippet_at(offset);
    EXPECT_EQ(anchor.line, 1u);
    EXPECT_EQ(anchor.column, expected.column);
    EXPECT_EQ(anchor.snippet_column, frame.first_column);
    EXPECT_EQ(summary.view(anchor.text), frame.text);
  }
  EXPECT_LT(summary.text.size(), 2000u);  // no copy of the line
}

}  // namespace
}  // namespace aic

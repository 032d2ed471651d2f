// SourceFile builds its line table only as far as asked (files without \r): whatever the order
// of the questions, the answers are those of a table built whole.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/source_file.h"

namespace aic {
namespace {

void expect_same_answers(const std::string& text, unsigned seed) {
  SourceFile whole("t.json", text);
  // The end of the text is on the last line: asking for it builds the whole table first.
  const std::size_t lines = whole.location(text.size()).line;
  std::mt19937 random(seed);
  SourceFile lazy("t.json", text);
  for (int round = 0; round < 200; ++round) {
    std::size_t offset = random() % (text.size() + 2);
    Location a = whole.location(offset), b = lazy.location(offset);
    ASSERT_EQ(a.line, b.line) << seed << " " << offset;
    ASSERT_EQ(a.column, b.column) << seed << " " << offset;
    std::size_t line = random() % (lines + 2);
    ASSERT_EQ(whole.line_text(line), lazy.line_text(line)) << seed << " " << line;
    ASSERT_EQ(whole.snippet_at(offset).text, lazy.snippet_at(offset).text) << seed << " " << offset;
  }
  EXPECT_EQ(lazy.location(text.size()).line, lines);
}

TEST(SourceFileLines, LazyTableAnswersLikeAWholeOne) {
  expect_same_answers("", 1);
  expect_same_answers("{}", 2);
  expect_same_answers("{\n}\n", 3);
  expect_same_answers("\n\n\n", 4);
  expect_same_answers("{\n  \"a\": 1,\n  \"b\": \"\xC3\xA9t\xC3\xA9\"\n}", 5);
  expect_same_answers("{\r\n  \"a\": 1,\r  \"b\": 2\n}\r\n", 6);  // \r: the whole table at once
  std::string many;
  for (int i = 0; i < 500; ++i) many += "  \"key" + std::to_string(i) + "\": " + std::to_string(i) + ",\n";
  expect_same_answers("{\n" + many + "}\n", 7);
}

TEST(SourceFileLines, LastLineAndOffsetsPastTheEnd) {
  SourceFile file("t.json", "a\nbc\n");
  EXPECT_EQ(file.location(1).line, 1u);
  EXPECT_EQ(file.location(2).line, 2u);
  EXPECT_EQ(file.location(99).line, 3u);  // clamped to the end: the empty line after the last \n
  EXPECT_EQ(file.line_text(2), "bc");
  EXPECT_EQ(file.line_text(3), "");
}

}  // namespace
}  // namespace aic

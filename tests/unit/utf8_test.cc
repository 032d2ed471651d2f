// find_invalid_utf8 (32 bytes at a time while the text is ASCII) against a plain reference, at
// every offset around its blocks.
#include <gtest/gtest.h>

#include <string>

#include "core/utf8.h"

namespace aic {
namespace {

// find_invalid_utf8's reference: the same decoder, one byte at a time with no fast path.
std::size_t reference_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t bad = find_invalid_utf8(s.substr(i, 4));
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : 4;
    if (bad == 0 || c > 0xF4 || (c >= 0x80 && c < 0xC2)) return i;
    if (i + len > s.size()) return i;
    i += len;
  }
  return std::string_view::npos;
}

TEST(Utf8, InvalidUtf8AtEveryOffset) {
  for (std::string piece : {"\xc3\xa9", "\xff", "\x80", "\xe2\x82\xac", "\xe2\x82", "\xf0\x9f\x98\x80", "\xed\xa0\x80"}) {
    for (std::size_t size = 0; size < 80; ++size) {
      for (std::size_t at = 0; at + piece.size() <= size; ++at) {
        std::string text(size, 'a');
        text.replace(at, piece.size(), piece);
        EXPECT_EQ(find_invalid_utf8(text), reference_invalid_utf8(text)) << "piece at " << at << " of " << size;
      }
    }
  }
}

}  // namespace
}  // namespace aic

#include "core/source_file.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace aic {

SourceFile::SourceFile(std::string display_path, FileBytes bytes)
    : path_(std::move(display_path)), bytes_(std::move(bytes)) {}

void SourceFile::build_line_table() const { extend_line_table(bytes_.size(), bytes_.size() + 1); }

void SourceFile::extend_line_table(std::size_t offset, std::size_t lines) const {
  if (lines_complete_) return;
  const char* data = text().data();
  const char* end = data + bytes_.size();
  if (line_starts_.empty()) {
    // About one line per 24 bytes in configs; capped, so a huge one-line file reserves little.
    line_starts_.reserve(std::min<std::size_t>(bytes_.size() / 24 + 16, 1u << 16));
    line_starts_.push_back(0);
    lines_scanned_ = 0;
    if (std::memchr(data, '\r', bytes_.size())) {
      for (const char* p = data; p < end; ++p) {
        // \n, \r\n and a lone \r all end a line (Python's splitlines() agrees for these three).
        if (*p == '\n') {
          line_starts_.push_back(static_cast<std::size_t>(p - data) + 1);
        } else if (*p == '\r') {
          if (p + 1 < end && p[1] == '\n') ++p;
          line_starts_.push_back(static_cast<std::size_t>(p - data) + 1);
        }
      }
      lines_complete_ = true;
      return;
    }
  }
  // The common case, \n only: memchr finds each line end without a byte-by-byte loop, and only
  // as far as asked (a summary's anchors are near the top; most files never report).
  while (line_starts_.back() <= offset || line_starts_.size() <= lines) {
    const char* p = data + lines_scanned_;
    p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!p) {
      lines_complete_ = true;
      return;
    }
    lines_scanned_ = static_cast<std::size_t>(p - data) + 1;
    line_starts_.push_back(lines_scanned_);
  }
}

std::size_t SourceFile::code_points_before(std::size_t offset) const {
  offset = std::min(offset, bytes_.size());
  std::string_view text = bytes_.view();
  if (block_code_points_.empty()) {
    block_code_points_.reserve(bytes_.size() / kBlock + 1);
    std::size_t n = 0;
    for (std::size_t at = 0; at <= bytes_.size(); at += kBlock) {
      block_code_points_.push_back(n);
      n += count_code_points(text.substr(at, kBlock));
    }
  }
  std::size_t block = offset / kBlock;
  return block_code_points_[block] + count_code_points(text.substr(block * kBlock, offset - block * kBlock));
}

Location SourceFile::location(std::size_t offset) const {
  offset = std::min(offset, bytes_.size());
  extend_line_table(offset, 0);
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  std::size_t start = line_starts_[line_index];
  if (offset - start < kBlock)
    return {line_index + 1, count_code_points(bytes_.view().substr(start, offset - start)) + 1};
  return {line_index + 1, code_points_before(offset) - code_points_before(start) + 1};
}

std::string_view SourceFile::line_text(std::size_t line) const {
  extend_line_table(0, line);
  if (line == 0 || line > line_starts_.size()) return {};
  std::size_t start = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] : bytes_.size();
  while (end > start && (text()[end - 1] == '\n' || text()[end - 1] == '\r')) --end;
  return bytes_.view().substr(start, end - start);
}

std::size_t count_code_points(std::string_view bytes) {
  std::size_t n = 0;
  for (unsigned char c : bytes) n += (c & 0xC0) != 0x80;
  return n;
}

namespace {

// Byte offset of the start of code point `index` (0-based) in `text`.
std::size_t byte_offset_of(std::string_view text, std::size_t index) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (seen == index) return i;
      ++seen;
    }
  }
  return text.size();
}

// Length of a valid UTF-8 sequence starting at s[i], or 0 if invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  unsigned char c1 = byte(i + 1);
  if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
  if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
  if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
  if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
  return len;
}

bool is_bidi_control(std::string_view s) {
  auto b1 = static_cast<unsigned char>(s[1]), b2 = static_cast<unsigned char>(s[2]);
  return (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
}

// Every byte in 0x20..0x7E. Eight bytes a step (paths: once per file, 10,000 of them in a big
// repository): a byte >= 0x80 has its high bit; one below 0x20, or 0x7F once xor'ed to zero, is
// found by the "has a byte less than n" test (exact as to whether any byte is).
bool all_printable_ascii(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    std::uint64_t del = x ^ (kOnes * 0x7F);
    if ((x & kHighs) | ((x - kOnes * 0x20) & ~x & kHighs) | ((del - kOnes) & ~del & kHighs)) return false;
  }
  for (; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c >= 0x7F) return false;
  }
  return true;
}

}  // namespace

std::string make_printable_path(std::string_view path) {
  std::string out = make_printable(path);
  // GitHub's runner takes a line that starts with "::" (after white space) as a workflow
  // command; a text report line starts with the path, so a file named "::error::x.json" must not.
  std::size_t i = 0;
  while (i < out.size() && (out[i] == ' ' || static_cast<unsigned char>(out[i]) >= 0x80)) ++i;
  if (out.compare(i, 2, "::") == 0) out.insert(0, "./");
  return out;
}

std::string make_printable(std::string_view text) {
  // The common case, printable ASCII without "##[", is returned as it is (paths: once per file).
  if (all_printable_ascii(text) && text.find("##[") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\t') {
      out += ' ';  // keeps the caret aligned: one column per code point
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      out += "\xE2\x90";  // U+2400 block: control pictures, one column wide
      out += static_cast<char>(0x80 + (c == 0x7F ? 0x21 : c));
      ++i;
      continue;
    }
    std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for an invalid byte
      ++i;
      continue;
    }
    // C1 controls (U+0080..U+009F) can also drive terminals; bidirectional overrides and
    // isolates (U+202A..U+202E, U+2066..U+2069) reorder what is displayed ("Trojan source").
    if ((len == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) ||
        (len == 3 && c == 0xE2 && is_bidi_control(text.substr(i, 3)))) {
      out += "\xEF\xBF\xBD";
      i += len;
      continue;
    }
    // "##[" anywhere in a line is a CI workflow command (GitHub's runner still parses the legacy
    // form: ##[set-output name=x;]value). U+2045 looks like '[' and keeps the column count.
    if (c == '[' && out.size() >= 2 && out.compare(out.size() - 2, 2, "##") == 0) {
      out += "\xE2\x81\x85";
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

Snippet SourceFile::snippet_at(std::size_t offset, std::size_t width) const {
  Location at = location(offset);
  std::string_view line = line_text(at.line);
  if (line.size() <= 4 * width) return make_snippet(line, at.column, width);
  // A long line: the same window as make_snippet, found from the offset instead of by scanning
  // the line from its start.
  std::size_t line_start = line_starts_[at.line - 1];
  std::size_t total = code_points_before(line_start + line.size()) - code_points_before(line_start);
  std::size_t first = 1;
  if (total > width && at.column > width / 3) first = std::min(at.column - width / 3, total - width + 1);
  // Walk back (at.column - first) code points from the offset, then forward `width`.
  auto lead = [&](std::size_t i) { return (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80; };
  std::size_t begin = std::min(offset, line_start + line.size()) - line_start;
  while (begin < line.size() && !lead(begin)) ++begin;  // start of code point column - 1
  for (std::size_t back = at.column - first; back > 0 && begin > 0;) {
    --begin;
    if (lead(begin)) --back;
  }
  std::size_t end = begin;
  for (std::size_t seen = 0; end < line.size(); ++end) {
    if (lead(end) && seen++ == width) break;
  }
  return {make_printable(line.substr(begin, end - begin)), first};
}

Snippet make_snippet(std::string_view line, std::size_t column, std::size_t width) {
  std::size_t total = count_code_points(line);
  std::size_t first = 1;
  if (total > width && column > width / 3) first = std::min(column - width / 3, total - width + 1);
  std::size_t begin_byte = byte_offset_of(line, first - 1);
  std::size_t end_byte = byte_offset_of(line, first - 1 + width);
  return {make_printable(line.substr(begin_byte, end_byte - begin_byte)), first};
}

}  // namespace aic

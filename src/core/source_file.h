#pragma once
// The bytes of one input file and the mapping from byte offsets to line and column.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/file_bytes.h"

namespace aic {

// A code frame: printable text and the column of its first character (see make_snippet).
struct Snippet {
  std::string text;
  std::size_t first_column = 1;
};

class SourceFile {
 public:
  SourceFile(std::string display_path, FileBytes bytes);

  const std::string& path() const { return path_; }
  std::string_view text() const { return bytes_.view(); }
  std::size_t size() const { return bytes_.size(); }

  // 1-based line and code-point column of a byte offset (clamped to the end of the file).
  // O(log lines + kBlock): a hostile one-line file with many findings must not be quadratic.
  Location location(std::size_t offset) const;
  // The code frame of the line holding `offset`: the same as
  // make_snippet(line_text(location(offset).line), location(offset).column, width), in
  // O(width + kBlock) whatever the length of the line.
  Snippet snippet_at(std::size_t offset, std::size_t width = 120) const;
  // The line containing `offset`, without its line terminator.
  std::string_view line_text(std::size_t line) const;
  std::size_t line_count() const;

  // For JsonDocument::parse_in_place, which decodes strings in these bytes and puts them back.
  char* bytes_for_in_place_parse() { return bytes_.data(); }

 private:
  void build_line_table() const;
  // Line starts known at least up to the first one after `offset`, and at least `lines` + 1 of
  // them (or all of them): a file with no \r is scanned only as far as asked.
  void extend_line_table(std::size_t offset, std::size_t lines) const;
  // Code points in bytes [0, offset).
  std::size_t code_points_before(std::size_t offset) const;

  static constexpr std::size_t kBlock = 4096;
  std::string path_;
  FileBytes bytes_;
  mutable std::vector<std::size_t> line_starts_;  // built on first use: clean files never pay
  mutable std::size_t lines_scanned_ = 0;          // bytes [0, lines_scanned_) are in line_starts_
  mutable bool lines_complete_ = false;
  mutable std::vector<std::size_t> block_code_points_;  // code points before each kBlock boundary
};

// Number of code points in a UTF-8 byte range (each byte that is not a continuation byte counts,
// so invalid sequences still advance the column).
std::size_t count_code_points(std::string_view bytes);

// A window of at most `width` code points of `line` around `column`, with control characters
// and escape sequences made visible (so a file cannot colour a terminal). Returns the window and
// the column of its first character.
Snippet make_snippet(std::string_view line, std::size_t column, std::size_t width = 120);

// Replaces control characters (C0, DEL, C1), bidirectional overrides and invalid UTF-8 with
// visible escapes, and defuses "##[" (a CI workflow command anywhere in a line): the result can be
// printed to a terminal or a CI log without effect. One code point in, one code point out
// (except invalid bytes), so carets stay aligned.
std::string make_printable(std::string_view text);
// make_printable, and a path that would start a line with "::" (a GitHub workflow command) gets
// a "./" prefix.
std::string make_printable_path(std::string_view path);

}  // namespace aic

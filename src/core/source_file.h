#pragma once
// The bytes of one input file and the mapping from byte offsets to line and column.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace aic {

class SourceFile {
 public:
  SourceFile(std::string display_path, std::string bytes);

  const std::string& path() const { return path_; }
  std::string_view text() const { return bytes_; }
  std::size_t size() const { return bytes_.size(); }

  // 1-based line and code-point column of a byte offset (clamped to the end of the file).
  Location location(std::size_t offset) const;
  // The line containing `offset`, without its line terminator.
  std::string_view line_text(std::size_t line) const;
  std::size_t line_count() const;

 private:
  void build_line_table() const;

  std::string path_;
  std::string bytes_;
  mutable std::vector<std::size_t> line_starts_;  // built on first use: clean files never pay
};

// Number of code points in a UTF-8 byte range (each byte that is not a continuation byte counts,
// so invalid sequences still advance the column).
std::size_t count_code_points(std::string_view bytes);

// A window of at most `width` code points of `line` around `column`, with control characters
// and escape sequences made visible (so a file cannot colour a terminal). Returns the window and
// the column of its first character.
struct Snippet {
  std::string text;
  std::size_t first_column = 1;
};
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

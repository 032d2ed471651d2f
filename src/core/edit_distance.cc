#include "core/edit_distance.h"

#include <algorithm>
#include <array>
#include <vector>

namespace aic {

namespace {

// ASCII case folding: config keys are ASCII, and the C library's tolower() per character was
// most of the time of a whole lint run.
inline char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// Optimal-string-alignment distance, case-insensitive; stops early and returns `limit` + 1 as
// soon as every cell of a row exceeds `limit`.
std::size_t distance_up_to(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t n = a.size(), m = b.size();
  // Three rolling rows (the transposition step looks two rows back), on the stack for the
  // short strings keys are; this runs for every key of every config against every known key.
  constexpr std::size_t kStack = 64;
  std::size_t stack_rows[3][kStack];
  std::vector<std::size_t> heap_rows;
  std::size_t *before = stack_rows[0], *previous = stack_rows[1], *current = stack_rows[2];
  if (m + 1 > kStack) {
    heap_rows.resize(3 * (m + 1));
    before = heap_rows.data();
    previous = before + (m + 1);
    current = previous + (m + 1);
  }
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_min = current[0];
    const char ai = fold(a[i - 1]);
    for (std::size_t j = 1; j <= m; ++j) {
      const char bj = fold(b[j - 1]);
      std::size_t cost = ai == bj ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && ai == fold(b[j - 2]) && fold(a[i - 2]) == bj)
        current[j] = std::min(current[j], before[j - 2] + 1);
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

}  // namespace

namespace {

// Byte -> its bit in char_signature, case folded: a-z 0-25, 0-9 26-35, '_' 36, the others spread
// over 37-63.
constexpr std::array<std::uint64_t, 256> kSignatureBit = [] {
  std::array<std::uint64_t, 256> bits{};
  for (int c = 0; c < 256; ++c) {
    int bit;
    if (c >= 'a' && c <= 'z') bit = c - 'a';
    else if (c >= 'A' && c <= 'Z') bit = c - 'A';
    else if (c >= '0' && c <= '9') bit = 26 + (c - '0');
    else if (c == '_') bit = 36;
    else bit = 37 + c % 27;
    bits[static_cast<std::size_t>(c)] = std::uint64_t{1} << bit;
  }
  return bits;
}();

}  // namespace

std::uint64_t char_signature(std::string_view s) {
  std::uint64_t signature = 0;
  for (char c : s) signature |= kSignatureBit[static_cast<unsigned char>(c)];
  return signature;
}

std::size_t edit_distance_icase(std::string_view a, std::string_view b) {
  return distance_up_to(a, b, SIZE_MAX - 1);
}

std::size_t edit_distance_icase_up_to(std::string_view a, std::string_view b, std::size_t limit) {
  return distance_up_to(a, b, limit);
}

}  // namespace aic

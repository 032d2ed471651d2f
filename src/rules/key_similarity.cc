#include "rules/key_similarity.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace aic {

std::size_t damerau_levenshtein_icase(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  const std::size_t n = a.size(), m = b.size();
  // Three rolling rows: the transposition step looks two rows back.
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

std::size_t typo_distance_limit(std::string_view written, std::string_view known) {
  std::size_t shorter = std::min(written.size(), known.size());
  if (shorter < 5) return 0;
  if (shorter < 12) return 1;
  return 2;
}

bool looks_like_typo_of(std::string_view written, std::string_view known) {
  if (written == known) return false;
  // Cheap length filter before the quadratic distance.
  std::size_t limit = typo_distance_limit(written, known);
  std::size_t gap = written.size() > known.size() ? written.size() - known.size()
                                                  : known.size() - written.size();
  if (gap > limit) return false;
  return damerau_levenshtein_icase(written, known) <= limit;
}

}  // namespace aic

#include "rules/key_similarity.h"

#include <bit>

#include "core/edit_distance.h"

namespace aic {

std::size_t typo_distance_limit(std::string_view written, std::string_view known) {
  std::size_t shorter = std::min(written.size(), known.size());
  if (shorter < 5) return 0;
  if (shorter < 12) return 1;
  return kMaxTypoDistance;
}

std::optional<std::size_t> typo_distance(const SignedKey& written, const SignedKey& known) {
  if (written.text == known.text) return std::nullopt;
  // Cheap filters before the quadratic distance, each a necessary condition for a distance
  // within the limit: the lengths, then the sets of bytes (core/edit_distance.h).
  std::size_t limit = typo_distance_limit(written.text, known.text);
  std::size_t gap = written.text.size() > known.text.size() ? written.text.size() - known.text.size()
                                                            : known.text.size() - written.text.size();
  if (gap > limit) return std::nullopt;
  if (static_cast<std::size_t>(std::popcount(written.signature ^ known.signature)) > 2 * limit)
    return std::nullopt;
  // Within the limit, the bounded distance is the exact one.
  std::size_t d = edit_distance_icase_up_to(written.text, known.text, limit);
  if (d > limit) return std::nullopt;
  return d;
}

bool looks_like_typo_of(std::string_view written, std::string_view known) {
  return typo_distance(SignedKey(written), SignedKey(known)).has_value();
}

}  // namespace aic

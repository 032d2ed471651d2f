#include "rules/key_similarity.h"

#include "core/edit_distance.h"

namespace aic {

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
  return edit_distance_icase_up_to(written, known, limit) <= limit;
}

}  // namespace aic

#pragma once
// The one edit distance of the project, behind every "did you mean": optimal-string-alignment
// Damerau-Levenshtein (insertions, deletions, substitutions and adjacent transpositions each
// cost 1: a swapped pair of letters is the commonest typing slip), with ASCII case folding.
#include <cstddef>
#include <string_view>

namespace aic {

std::size_t edit_distance_icase(std::string_view a, std::string_view b);

// The same, but stops as soon as the distance must exceed `limit` and then returns limit + 1
// (what a typo check needs, at a fraction of the cost).
std::size_t edit_distance_icase_up_to(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace aic

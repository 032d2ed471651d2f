#pragma once
// "Did you mean" for config keys: Damerau-Levenshtein distance (a swapped pair of letters is one
// edit, the commonest typing slip) and the largest distance that still means "the same key",
// scaled by length so short keys only match when they are equal but for case.
#include <cstddef>
#include <string_view>

namespace aic {

// Optimal-string-alignment Damerau-Levenshtein distance with ASCII case folding:
// insertions, deletions, substitutions and adjacent transpositions each cost 1.
std::size_t damerau_levenshtein_icase(std::string_view a, std::string_view b);

// The largest distance at which `written` is taken for a slip of `known`: 0 (equal but for case)
// when the shorter key has fewer than 5 characters, 1 below 12, else 2.
std::size_t typo_distance_limit(std::string_view written, std::string_view known);

// True when `written` differs from `known` but is within typo_distance_limit of it.
bool looks_like_typo_of(std::string_view written, std::string_view known);

}  // namespace aic

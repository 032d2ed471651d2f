#pragma once
// The one edit distance of the project, behind every "did you mean": optimal-string-alignment
// Damerau-Levenshtein (insertions, deletions, substitutions and adjacent transpositions each
// cost 1: a swapped pair of letters is the commonest typing slip), with ASCII case folding.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace aic {

std::size_t edit_distance_icase(std::string_view a, std::string_view b);

// The same, but stops as soon as the distance must exceed `limit` and then returns limit + 1
// (what a typo check needs, at a fraction of the cost).
std::size_t edit_distance_icase_up_to(std::string_view a, std::string_view b, std::size_t limit);

// The set of (case-folded) bytes of `s`, as 64 bits: letters, digits and '_' one bit each, the
// other bytes sharing the rest. A cheap necessary condition for a small distance:
//   popcount(char_signature(a) ^ char_signature(b)) <= 2 * edit_distance_icase(a, b).
// Why: an insertion or a deletion adds or removes at most one byte value from the set of bytes
// present, a substitution at most one of each, an adjacent transposition none, so a edits change
// that set by a symmetric difference of at most 2 * edits; case folding happens before the set
// is taken, as in the distance. A differing bit stands for a byte value present in one string
// and absent from the other (each value has one bit), so the popcount of the XOR is at most that
// symmetric difference. tests/unit/key_similarity_test.cc checks it on random edited pairs.
std::uint64_t char_signature(std::string_view s);

}  // namespace aic

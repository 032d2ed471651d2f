#pragma once
// "Did you mean" for config keys: the largest edit distance (core/edit_distance.h) that still
// means "the same key", scaled by length so short keys only match when they are equal but for case.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/edit_distance.h"

namespace aic {

// The largest distance at which `written` is taken for a slip of `known`: 0 (equal but for case)
// when the shorter key has fewer than 5 characters, 1 below 12, else kMaxTypoDistance (2).
inline constexpr std::size_t kMaxTypoDistance = 2;
std::size_t typo_distance_limit(std::string_view written, std::string_view known);

// True when `written` differs from `known` but is within typo_distance_limit of it.
bool looks_like_typo_of(std::string_view written, std::string_view known);

// A key with its char_signature, for comparing one key with many: the signature is taken once.
struct SignedKey {
  std::string_view text;
  std::uint64_t signature;
  explicit SignedKey(std::string_view s) : text(s), signature(char_signature(s)) {}
};

// The distance of `written` from `known` when looks_like_typo_of(written, known), else nothing.
// Length and signature filters first: most pairs never reach the quadratic distance.
std::optional<std::size_t> typo_distance(const SignedKey& written, const SignedKey& known);

}  // namespace aic

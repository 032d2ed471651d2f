#include "rules/key_similarity.h"

#include <gtest/gtest.h>

#include <bit>
#include <random>
#include <string>
#include <vector>

#include "engine/lint_data_loader.h"
#include "registry/architecture_registry.h"
#include "rules/unknown_key_plan.h"

namespace aic {
namespace {

TEST(DamerauLevenshtein, CountsEachEditOnce) {
  EXPECT_EQ(edit_distance_icase("", ""), 0u);
  EXPECT_EQ(edit_distance_icase("", "abc"), 3u);
  EXPECT_EQ(edit_distance_icase("vocab_size", "vocab_size"), 0u);
  EXPECT_EQ(edit_distance_icase("num_hidden_layer", "num_hidden_layers"), 1u);   // deletion
  EXPECT_EQ(edit_distance_icase("hiddden_size", "hidden_size"), 1u);             // insertion
  EXPECT_EQ(edit_distance_icase("vocab_sise", "vocab_size"), 1u);                // substitution
  EXPECT_EQ(edit_distance_icase("kitten", "sitting"), 3u);
}

TEST(DamerauLevenshtein, AdjacentSwapIsOneEdit) {
  EXPECT_EQ(edit_distance_icase("vocab_szie", "vocab_size"), 1u);
  EXPECT_EQ(edit_distance_icase("moe_intermediate_szie", "moe_intermediate_size"), 1u);
  EXPECT_EQ(edit_distance_icase("ab", "ba"), 1u);
  // Plain Levenshtein would say 2 for each of these.
  EXPECT_EQ(edit_distance_icase("hdiden_size", "hidden_size"), 1u);
}

TEST(DamerauLevenshtein, IgnoresAsciiCaseAndIsSymmetric) {
  EXPECT_EQ(edit_distance_icase("Num_Hidden_Layers", "num_hidden_layers"), 0u);
  EXPECT_EQ(edit_distance_icase("HEAD_DIM", "head_dim"), 0u);
  EXPECT_EQ(edit_distance_icase("qk_head_dim", "v_head_dim"),
            edit_distance_icase("v_head_dim", "qk_head_dim"));
  EXPECT_EQ(edit_distance_icase("qk_head_dim", "v_head_dim"), 2u);
}

TEST(TypoLimit, ScalesWithTheShorterKey) {
  EXPECT_EQ(typo_distance_limit("type", "dtype"), 0u);        // shorter than 5: case only
  EXPECT_EQ(typo_distance_limit("n_group", "n_groups"), 1u);
  EXPECT_EQ(typo_distance_limit("num_beams", "num_heads"), 1u);
  EXPECT_EQ(typo_distance_limit("moe_intermediate_szie", "moe_intermediate_size"), 2u);
}

TEST(TypoLimit, LooksLikeTypo) {
  EXPECT_TRUE(looks_like_typo_of("num_hidden_layer", "num_hidden_layers"));
  EXPECT_TRUE(looks_like_typo_of("moe_intermediate_szie", "moe_intermediate_size"));
  EXPECT_TRUE(looks_like_typo_of("moe_intermedate_sze", "moe_intermediate_size"));  // 2 edits, long key
  EXPECT_TRUE(looks_like_typo_of("Vocab_Size", "vocab_size"));                      // case only
  EXPECT_TRUE(looks_like_typo_of("TOPK", "topk"));
  EXPECT_FALSE(looks_like_typo_of("vocab_size", "vocab_size"));   // the same key is no typo
  EXPECT_FALSE(looks_like_typo_of("type", "dtype"));              // short keys: only case slips
  EXPECT_FALSE(looks_like_typo_of("num_beams", "num_heads"));     // 2 edits on a 9-letter key
  EXPECT_FALSE(looks_like_typo_of("qk_head_dim", "v_head_dim"));  // a different MLA field
  EXPECT_FALSE(looks_like_typo_of("rope_scaling", "rope_theta"));
  EXPECT_FALSE(looks_like_typo_of("sliding_window", "sliding_window_size"));
  EXPECT_FALSE(looks_like_typo_of("num_nextn_predict_layers", "num_hidden_layers"));
}

// Random near-miss pairs: real keys (every key some architecture reads) and random strings,
// each edited 0-4 times (insertions, deletions, substitutions, adjacent swaps, case flips) with
// bytes that include digits, '_', '.' and non-ASCII ones.
struct NearPairs {
  std::vector<std::string> keys;
  std::mt19937 rng{12345};

  NearPairs() {
    auto registry = load_lint_data({}).registry;
    for (const auto& k : registry->keys_read_by_any_profile()) keys.push_back(k);
  }
  char random_byte() {
    static const std::string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_._";
    if (rng() % 16 == 0) return static_cast<char>(0x80 + rng() % 128);
    return alphabet[rng() % alphabet.size()];
  }
  std::string random_string() {
    std::string s(rng() % 30, ' ');
    for (char& c : s) c = random_byte();
    return s;
  }
  std::string edited(std::string s) {
    for (unsigned edits = rng() % 5; edits > 0; --edits) {
      std::size_t at = s.empty() ? 0 : rng() % s.size();
      switch (rng() % 5) {
        case 0: s.insert(s.begin() + static_cast<long>(at), random_byte()); break;
        case 1: if (!s.empty()) s.erase(at, 1); break;
        case 2: if (!s.empty()) s[at] = random_byte(); break;
        case 3: if (at + 1 < s.size()) std::swap(s[at], s[at + 1]); break;
        case 4: if (!s.empty()) s[at] = static_cast<char>(s[at] ^ 0x20); break;  // case flip
      }
    }
    return s;
  }
  std::pair<std::string, std::string> next() {
    std::string a = rng() % 4 == 0 ? random_string() : keys[rng() % keys.size()];
    std::string b = rng() % 8 == 0 ? keys[rng() % keys.size()] : edited(a);
    return {a, b};
  }
};

TEST(CharSignature, BoundsTheDistance) {
  NearPairs pairs;
  ASSERT_GT(pairs.keys.size(), 50u);
  for (int n = 0; n < 200000; ++n) {
    auto [a, b] = pairs.next();
    std::size_t differing = static_cast<std::size_t>(std::popcount(char_signature(a) ^ char_signature(b)));
    ASSERT_LE(differing, 2 * edit_distance_icase(a, b)) << "'" << a << "' vs '" << b << "'";
  }
  EXPECT_EQ(char_signature("Vocab_Size"), char_signature("vocab_size"));
  EXPECT_EQ(char_signature("vocab_szie"), char_signature("vocab_size"));  // a swap keeps the set
}

// The filtered typo test answers exactly what the plain definition does.
TEST(TypoLimit, FilteredSearchEqualsTheDefinition) {
  NearPairs pairs;
  int typos = 0;
  for (int n = 0; n < 200000; ++n) {
    auto [a, b] = pairs.next();
    std::size_t d = edit_distance_icase(a, b);
    bool expected = a != b && d <= typo_distance_limit(a, b);
    auto got = typo_distance(SignedKey(a), SignedKey(b));
    ASSERT_EQ(got.has_value(), expected) << "'" << a << "' vs '" << b << "'";
    if (got) EXPECT_EQ(*got, d);
    ASSERT_EQ(looks_like_typo_of(a, b), expected);
    typos += expected;
  }
  EXPECT_GT(typos, 10000);  // the pairs do exercise the accepting side
}

TEST(TypoLimit, KeySetCandidatesEqualABruteForceSearch) {
  NearPairs pairs;
  unknown_key::KeySet set;
  for (const auto& k : pairs.keys) set.insert(k);
  std::vector<std::string> sorted = pairs.keys;
  std::sort(sorted.begin(), sorted.end());
  for (int n = 0; n < 3000; ++n) {
    std::string key = pairs.next().second;
    unknown_key::KeySet::Candidates expected;
    for (const auto& known : sorted)
      if (key != known && edit_distance_icase(key, known) <= typo_distance_limit(key, known))
        expected.emplace_back(known, edit_distance_icase(key, known));
    ASSERT_EQ(set.typo_candidates(key), expected) << key;
  }
  set.insert("zz_brand_new_key_name");  // an insert after a search is seen by the next one
  EXPECT_EQ(set.typo_candidates("zz_brand_new_key_nmae").size(), 1u);
}

}  // namespace
}  // namespace aic

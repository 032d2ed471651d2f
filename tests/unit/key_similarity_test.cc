#include "rules/key_similarity.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace aic

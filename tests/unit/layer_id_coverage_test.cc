#include "rules/layer_id_coverage.h"

#include <gtest/gtest.h>

namespace aic {
namespace {

using Ids = std::vector<std::int64_t>;

TEST(LayerIdCoverage, TwoListsCoveringEveryLayerOnce) {
  // Kimi-K3 style: every 4th layer full attention, the rest KDA, 1-based.
  Ids kda, full;
  for (std::int64_t i = 1; i <= 12; ++i) (i % 4 == 0 ? full : kda).push_back(i);
  auto c = check_layer_id_coverage({kda, full}, 12, 1);
  EXPECT_TRUE(c.covers_exactly_once());
  ASSERT_EQ(c.out_of_range.size(), 2u);
  EXPECT_TRUE(c.out_of_range[0].empty());
  EXPECT_TRUE(c.out_of_range[1].empty());
}

TEST(LayerIdCoverage, ReportsMissingAndDuplicatedLayers) {
  auto c = check_layer_id_coverage({{1, 2, 3, 5}, {4, 5}}, 6, 1);
  EXPECT_EQ(c.missing, (Ids{6}));
  EXPECT_EQ(c.duplicated, (Ids{5}));
  EXPECT_FALSE(c.covers_exactly_once());
}

TEST(LayerIdCoverage, RepeatWithinOneListCountsAsDuplicate) {
  auto c = check_layer_id_coverage({{1, 2, 2}, {3}}, 3, 1);
  EXPECT_TRUE(c.missing.empty());
  EXPECT_EQ(c.duplicated, (Ids{2}));
}

TEST(LayerIdCoverage, OneBasedRangeExcludesZeroAndLayersPlusOne) {
  // The classic off-by-one: ids written 0-based in a 1-based list.
  auto c = check_layer_id_coverage({{0, 1, 2}, {3, 4, 4}}, 4, 1);
  EXPECT_EQ(c.out_of_range[0], (Ids{0}));
  EXPECT_EQ(c.out_of_range[1], Ids{});
  EXPECT_EQ(c.duplicated, (Ids{4}));
  auto shifted = check_layer_id_coverage({{2, 3, 4, 5}}, 4, 1);
  EXPECT_EQ(shifted.out_of_range[0], (Ids{5}));
  EXPECT_EQ(shifted.missing, (Ids{1}));
}

TEST(LayerIdCoverage, OutOfRangeIdsListedOnceInOrder) {
  auto c = check_layer_id_coverage({{99, -1, 99, 1}}, 2, 1);
  EXPECT_EQ(c.out_of_range[0], (Ids{99, -1}));
  EXPECT_EQ(c.missing, (Ids{2}));
}

TEST(LayerIdCoverage, ZeroBased) {
  auto c = check_layer_id_coverage({{0, 1}, {2}}, 3, 0);
  EXPECT_TRUE(c.covers_exactly_once());
  auto d = check_layer_id_coverage({{1, 2}, {3}}, 3, 0);
  EXPECT_EQ(d.out_of_range[1], (Ids{3}));
  EXPECT_EQ(d.missing, (Ids{0}));
}

TEST(LayerIdCoverage, EmptyListsMissEverything) {
  auto c = check_layer_id_coverage({{}, {}}, 3, 1);
  EXPECT_EQ(c.missing, (Ids{1, 2, 3}));
  EXPECT_TRUE(c.duplicated.empty());
}

}  // namespace
}  // namespace aic

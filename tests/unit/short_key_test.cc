// ShortKey equality must be exact for keys of up to 16 bytes (the tables rely on it instead of
// comparing bytes), and the lookups built on it must find exactly what a byte compare finds.
#include <gtest/gtest.h>

#include <cstdio>

#include <set>
#include <string>
#include <vector>

#include "core/short_key.h"
#include "core/string_table.h"
#include "core/member_index.h"

namespace aic {
namespace {

bool same(std::string_view a, std::string_view b) {
  ShortKey ka = ShortKey::of(a), kb = ShortKey::of(b);
  return ka == kb && same_middle(ka.size, a.data(), b.data());
}

TEST(ShortKey, EqualExactlyWhenBytesAreEqualAtEveryLength) {
  // Every length 0..40, and a change of one byte at every position of the key.
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string base;
    for (std::size_t i = 0; i < n; ++i) base += static_cast<char>('a' + i % 26);
    EXPECT_TRUE(same(base, std::string(base))) << n;
    for (std::size_t i = 0; i < n; ++i) {
      std::string other = base;
      other[i] = '_';
      EXPECT_FALSE(same(base, other)) << n << " at " << i;
    }
    EXPECT_FALSE(same(base, base + "x")) << n;
  }
  // Short keys padded with NUL bytes are still different keys.
  EXPECT_FALSE(same(std::string_view("a\0", 2), "a"));
  EXPECT_FALSE(same(std::string_view("\0\0\0", 3), std::string_view("\0\0", 2)));
}

TEST(ShortKey, FindsADotAnywhere) {
  for (std::size_t n = 1; n <= 40; ++n)
    for (std::size_t at = 0; at < n; ++at) {
      std::string key(n, 'k');
      EXPECT_FALSE(key_holds(ShortKey::of(key), key, '.')) << n;
      key[at] = '.';
      EXPECT_TRUE(key_holds(ShortKey::of(key), key, '.')) << n << " at " << at;
    }
}

TEST(ShortKey, TablesFindWhatTheyHold) {
  // Keys that share a length and both ends differ only in the middle: one hash, told apart.
  std::vector<std::string> keys = {"num_attention_heads", "num_key_value_heads", "a", "ab", "abc",
                                   "prefix_0000_suffix", "prefix_0001_suffix", "prefix_1000_suffix",
                                   "", "rope_scaling.factor"};
  StringTable table;
  for (const auto& k : keys) table.insert(k);
  for (std::size_t i = 0; i < keys.size(); ++i) EXPECT_EQ(table.find(keys[i]), i) << keys[i];
  EXPECT_EQ(table.find("prefix_0100_suffix"), StringTable::npos);
  EXPECT_EQ(table.find("num_attention_head"), StringTable::npos);

  rapidjson::Document doc;
  doc.Parse(R"({"prefix_0000_suffix": 1, "prefix_0001_suffix": 2, "ab": 3, "ab": 4, "": 5})");
  MemberIndex index(&doc);
  EXPECT_EQ(index.find("prefix_0000_suffix")->GetInt(), 1);
  EXPECT_EQ(index.find("prefix_0001_suffix")->GetInt(), 2);
  EXPECT_EQ(index.find("ab")->GetInt(), 3);  // the first, as FindMember
  EXPECT_EQ(index.find("")->GetInt(), 5);
  EXPECT_EQ(index.find("prefix_0010_suffix"), nullptr);
  EXPECT_EQ(index.find("a"), nullptr);
}

// Keys of one length that share both ends and differ only in the middle, as the layer names of a
// quantized_layers map do: their hashes must spread, or the duplicate-key check and every index
// probe them all (a real side-car of 18,000 such keys took 23x longer to check).
TEST(ShortKey, KeysThatDifferOnlyInTheMiddleSpread) {
  std::set<std::uint64_t> hashes;
  char key[64];
  for (int layer = 0; layer < 100; ++layer)
    for (int expert = 0; expert < 100; ++expert) {
      std::snprintf(key, sizeof key, "backbone.layers.%02d.mixer.experts.%02d.down_proj", layer, expert);
      hashes.insert(ShortKey::of(key).hash());
    }
  EXPECT_GE(hashes.size(), 9990u);
}

}  // namespace
}  // namespace aic

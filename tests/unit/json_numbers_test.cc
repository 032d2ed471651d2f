// Numbers read as aiconfigurator's Python json reads them: doubles correctly rounded (like
// float()), integers within 64 bits exact. RapidJSON 1.1's full-precision strtod read
// -18446744073709551615512 as 0 (and UBSan stopped on clzll(0)); its normal-precision one is a few
// ULPs off; JsonDocument reads every double again from its text.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/json_document.h"
#include "core/rapidjson.h"
#include "test_support.h"

namespace aic {
namespace {

using testing::Parsed;

// The value of `number` as the only member of an object, after a clean parse.
const rapidjson::Value& value_of(const Parsed& p) {
  EXPECT_TRUE(p.doc.has_root());
  EXPECT_TRUE(p.out.diagnostics().empty()) << p.out.diagnostics().front().message;
  return p.doc.root()["a"];
}

double double_of(const std::string& number) {
  Parsed p("{\"a\": " + number + "}");
  const auto& v = value_of(p);
  EXPECT_TRUE(v.IsDouble()) << number;
  return v.IsDouble() ? v.GetDouble() : std::nan("");
}

TEST(JsonNumbers, SignificandStartingWithUint64MaxThenADigitAbove4) {
  EXPECT_EQ(double_of("-18446744073709551615512"), -18446744073709551615512.0);
  EXPECT_EQ(double_of("18446744073709551615512"), 18446744073709551615512.0);
  EXPECT_EQ(double_of("-18446744073709551614512"), -18446744073709551614512.0);
  EXPECT_EQ(double_of("184467440737095516159"), 184467440737095516159.0);
  EXPECT_EQ(double_of("1844674407370955161.59e1"), 18446744073709551615.9);
}

TEST(JsonNumbers, ZeroWithALeadingZeroExponent) {
  EXPECT_EQ(double_of("0e-053"), 0.0);
  EXPECT_EQ(double_of("0E+053"), 0.0);
  EXPECT_EQ(double_of("0.0e-99999999999"), 0.0);
  double negative_zero = double_of("-0.0");
  EXPECT_EQ(negative_zero, 0.0);
  EXPECT_TRUE(std::signbit(negative_zero));
}

TEST(JsonNumbers, IntegersAroundTwoToThe64) {
  Parsed max("{\"a\": 18446744073709551615}");
  ASSERT_TRUE(value_of(max).IsUint64());
  EXPECT_EQ(value_of(max).GetUint64(), 18446744073709551615ull);
  Parsed min("{\"a\": -9223372036854775808}");
  ASSERT_TRUE(value_of(min).IsInt64());
  EXPECT_EQ(value_of(min).GetInt64(), std::numeric_limits<std::int64_t>::min());
  // Past 64 bits Python keeps an exact int; a double is the nearest this front end has.
  EXPECT_EQ(double_of("18446744073709551616"), 18446744073709551616.0);
  EXPECT_EQ(double_of("18446744073709551617"), 18446744073709551616.0);
  EXPECT_EQ(double_of("-9223372036854775809"), -9223372036854775808.0);
  EXPECT_EQ(double_of("18446744073709551615.5"), 18446744073709551616.0);
}

TEST(JsonNumbers, EdgesOfTheDoubleRange) {
  EXPECT_EQ(double_of("1e308"), 1e308);
  EXPECT_EQ(double_of("1.7976931348623157e308"), std::numeric_limits<double>::max());
  EXPECT_EQ(double_of("1.7976931348623158e308"), std::numeric_limits<double>::max());
  EXPECT_EQ(double_of("2.2250738585072014e-308"), std::numeric_limits<double>::min());
  EXPECT_EQ(double_of("2.2250738585072011e-308"), 2.2250738585072011e-308);  // subnormal
  EXPECT_EQ(double_of("5e-324"), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(double_of("2.4703282292062328e-324"), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(double_of("1e-324"), 0.0);
  double tiny_negative = double_of("-1e-400");
  EXPECT_EQ(tiny_negative, 0.0);
  EXPECT_TRUE(std::signbit(tiny_negative));
}

TEST(JsonNumbers, LongMantissas) {
  EXPECT_EQ(double_of("0.1000000000000000055511151231257827021181583404541015625"), 0.1);
  // 2^53 + 1 is halfway between two doubles: even wins; any later non-zero digit rounds up.
  EXPECT_EQ(double_of("9007199254740993.0"), 9007199254740992.0);
  EXPECT_EQ(double_of("9007199254740993.0000000000000000000000001"), 9007199254740994.0);
  EXPECT_EQ(double_of("0." + std::string(300, '0') + "1"), 1e-301);
  EXPECT_EQ(double_of("3.14159265358979323846264338327950288419716939937510"), 3.14159265358979323846);
}

TEST(JsonNumbers, LastBitWhereRapidJsonNormalPrecisionIsOff) {
  const std::string text = "8.1302792547619154e-10";
  rapidjson::Document normal;
  normal.Parse(text.c_str());
  ASSERT_TRUE(normal.IsDouble());
  EXPECT_NE(normal.GetDouble(), 8.1302792547619154e-10) << "RapidJSON rounds this one right now";
  EXPECT_EQ(double_of(text), 8.1302792547619154e-10);
  EXPECT_EQ(double_of("8054403104.1049645"), 8054403104.1049645);
}

// RapidJSON calls 1e309 too big; Python's json reads inf (see JsonDocument's number rewrite).
TEST(JsonNumbers, PastTheRangeIsInfAsInPython) {
  Parsed p("{\"a\": 1e309}");
  ASSERT_TRUE(p.doc.has_root());
  EXPECT_TRUE(p.with_code("AIC101").empty());
  EXPECT_EQ(p.with_code("AIC109").size(), 1u);
  EXPECT_EQ(p.doc.root()["a"].GetDouble(), std::numeric_limits<double>::infinity());
}

TEST(JsonNumbers, NumbersKeepTheirSpans) {
  Parsed p("{\"a\": [1.5, -18446744073709551615512, 2e-5]}");
  auto big = p.doc.find("/a/1");
  ASSERT_NE(big, JsonDocument::kNone);
  const auto& n = p.doc.node(big);
  EXPECT_EQ(p.source.text().substr(n.begin, n.end - n.begin), "-18446744073709551615512");
  EXPECT_EQ(p.doc.root()["a"][2].GetDouble(), 2e-5);
}

}  // namespace
}  // namespace aic

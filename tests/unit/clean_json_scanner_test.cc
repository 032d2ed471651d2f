// The front end's clean-text fast path (core/clean_json_scanner.h) against the full RapidJSON
// pass: wherever the fast path accepts a text, the node index, the DOM (types and number kinds
// included) and the findings must be exactly the full pass's. Checked on every JSON file of the
// project and of ../shared/corpus, on thousands of byte-level mutants of them, and on edge cases
// (number kinds at every threshold, control characters, nesting). Also: parse_in_place leaves the
// source's bytes exactly as they were, and real configs do take the fast path.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "../../fuzz/front_end_differential.h"  // first: it includes core/rapidjson.h

#include "core/json_document.h"
#include "test_support.h"

namespace aic {
namespace {

namespace fs = std::filesystem;

// The promise on one text (see fuzz/front_end_differential.h); returns whether the fast path
// took it.
bool expect_same(const std::string& text, const std::string& what) {
  auto verdict = fuzz::compare_front_end_passes(text);
  EXPECT_EQ(verdict.difference, "") << what << "\n" << text.substr(0, 400);
  return verdict.fast_path_taken;
}

TEST(CleanJsonScanner, AgreesWithTheFullPassOnEveryJsonFile) {
  std::size_t files = 0, fast = 0;
  for (const auto& path : testing::project_json_files()) {
    std::string text = testing::read_file(path);
    bool took = expect_same(text, path.string());
    ++files;
    fast += took;
    // A file with no backslash, comment, NaN or Infinity that parses cleanly must take the fast
    // path, or the front end silently slows down.
    if (text.find('\\') == std::string::npos && text.find("NaN") == std::string::npos &&
        text.find("Infinity") == std::string::npos && text.find("//") == std::string::npos &&
        text.find("/*") == std::string::npos) {
      SourceFile source("t.json", text);
      FileDiagnostics out(source);
      JsonDocument doc = JsonDocument::parse(source, out);
      if (out.diagnostics().empty()) EXPECT_TRUE(took) << "clean file not taken by the fast path: " << path;
    }
  }
  EXPECT_GT(files, 200u);
  EXPECT_GT(fast, files / 2) << "the fast path is rarely taken";
}

// Byte-level mutants of small real files: every kind of damage the fast path must either refuse
// or read exactly as the full pass does.
TEST(CleanJsonScanner, AgreesWithTheFullPassOnMutants) {
  const std::string inserts[] = {"\"", ",", "}", "]", "{", "[", ":", " ", "\t", "\n", "\r", "0", "-", "+",
                                 ".", "e", "E", "1", "9", "x", "/", "*", "t", "n", "\x01", "\x1f", "\x7f",
                                 "\xc3\xa9", "\xff", std::string(1, '\0'), "//c\n", "/*c*/", "NaN",
                                 "Infinity", "\\", "\\n", "\\u00e9", "true", "null", "1e400", "-0",
                                 "18446744073709551616", "-9223372036854775809", "4294967296", ", ",
                                 "\"\"", "{}", "[]", "\xef\xbb\xbf"};
  std::mt19937 random(7);
  std::size_t mutants = 0, fast = 0;
  for (const char* name : {"examples/model_configs/Qwen--Qwen3-8B_config.json",
                           "examples/model_configs/deepseek-ai--DeepSeek-V3_config.json"}) {
    fs::path path = fs::path(AIC_SOURCE_DIR) / name;
    if (!fs::exists(path)) continue;
    std::string text = testing::read_file(path);
    for (int round = 0; round < 1500; ++round) {
      std::string m = text;
      std::size_t at = random() % m.size();
      switch (random() % 4) {
        case 0: m.insert(at, inserts[random() % std::size(inserts)]); break;
        case 1: m.erase(at, 1 + random() % 3); break;
        case 2: m.replace(at, 1, inserts[random() % std::size(inserts)]); break;
        default: m = m.substr(0, at); break;  // truncated
      }
      fast += expect_same(m, std::string(name) + " mutant " + std::to_string(round));
      ++mutants;
    }
  }
  EXPECT_GT(mutants, 1000u);
  EXPECT_GT(fast, mutants / 10) << "mutants never take the fast path: the test compares nothing";
  EXPECT_LT(fast, mutants) << "the fast path took every mutant: it refuses nothing";
}

TEST(CleanJsonScanner, NumberKindsAtEveryThreshold) {
  for (const char* number :
       {"0", "-0", "1", "-1", "0.0", "-0.0", "1e0", "1E+2", "1e-2", "2147483647", "2147483648", "-2147483648",
        "-2147483649", "4294967295", "4294967296", "-4294967296", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
        "-18446744073709551616", "123456789012345678901234567890", "1.7976931348623157e308",
        "1.7976931348623159e308", "1e400", "-1e400", "1e-400", "4.9e-324", "2.2250738585072014e-308",
        "0.1", "3.141592653589793238462643383279", "01", "-", "1.", ".5", "1e", "1e+", "+1", "-01",
        "1.5e3.2", "0x10", "Infinity", "-Infinity", "NaN", "Inf", "1_000", "0e4000", "0e300", "0e301",
        "1e300", "1e301", "1e308", "1e309", "-0e999", "1e-4000", "0.0e-99999", "1e0000000000000000000000005",
        "1.5e+308", "1.5e309", "0.5e309", "1e+308", "1e0308"}) {
    expect_same(std::string("{\"n\": ") + number + "}", number);
    expect_same(std::string("[") + number + "]", number);
    expect_same(number, number);  // at the root, at the end of the text
  }
  // Long digit strings: RapidJSON rejects integer parts near DBL_MAX.
  for (std::size_t digits : {300, 307, 308, 309, 310, 400}) {
    std::string number(digits, '9');
    expect_same("[" + number + "]", number);
    expect_same("[0." + std::string(digits, '0') + "1]", "0.000...1");
  }
}

TEST(CleanJsonScanner, StringsLiteralsAndStructure) {
  std::string long_key(40, 'k');
  for (std::string text :
       {std::string("{\"a\": \"x\ty\"}"), std::string("{\"a\": \"x\x1fy\"}"), std::string("{\"a\": \"x\x7fy\"}"),
        std::string("{\"a\": \"") + std::string(100, 'z') + "\x01\"}", "{\"" + long_key + "\": 1}",
        "{\"" + long_key + "\x1b\": 1}", std::string("{\"a\": \"\xc3\xa9\"}"), std::string("{\"a\":1,\"a\":2}"),
        std::string("{\"a\": tru}"), std::string("{\"a\": true"), std::string("{\"a\": nulll}"),
        std::string("{\"a\": [1, 2,]}"), std::string("{\"a\": 1,}"), std::string("{,}"), std::string("[,]"),
        std::string("{} {}"), std::string("{}\n"), std::string(" \t\r\n{} \t\r\n"), std::string("{}x"),
        std::string("\xef\xbb\xbf{\"a\": 1}"), std::string("{\"a\" 1}"), std::string("{\"a\": }"),
        std::string("{1: 2}"), std::string("[\"unterminated"), std::string("{\"a\": \"b\"") + std::string(20, ' '),
        std::string("{\"a\": 1}") + std::string(1, '\0') + "junk", std::string("\"just a string\""),
        std::string("[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]"), std::string("[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]"),
        std::string("{\"a\": {}, \"b\": [], \"c\": [{}], \"d\": {\"e\": [null, true, false]}}")}) {
    expect_same(text, text);
  }
}

}  // namespace
}  // namespace aic

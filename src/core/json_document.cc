#include "core/json_document.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/clean_json_scanner.h"
#include "core/huge_pages.h"
#include "core/json_rules.h"
#include "core/key_hash.h"
#include "core/lazy_index.h"
#include "core/utf8.h"

namespace aic {

namespace {

// Bytes skipped between tokens without further thought: JSON white space and ':'.
constexpr auto kGapByte = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : {' ', '\t', '\n', '\r', ':'}) table[c] = true;
  return table;
}();

// Bytes of a number or a bare word (true, null, NaN, -Infinity): ASCII letters, digits, -+.
constexpr auto kScalarByte = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               c == '-' || c == '+' || c == '.';
  return table;
}();

// Python's \b with a str pattern: word characters are Unicode letters, digits and '_'. Bytes of
// non-ASCII characters are taken as word characters (nearly all non-ASCII text is letters).
bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}
bool is_word_byte(unsigned char c) { return is_ascii_alnum(c) || c == '_' || c >= 0x80; }

// Positions of the whole words `word` in `text` (regex \bword\b).
template <typename F>
void for_each_word(std::string_view text, std::string_view word, F&& f) {
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    bool left = at == 0 || !is_word_byte(static_cast<unsigned char>(text[at - 1]));
    std::size_t after = at + word.size();
    bool right = after >= text.size() || !is_word_byte(static_cast<unsigned char>(text[after]));
    if (left && right) f(at);
  }
}

// The value of a JSON number's text, correctly rounded like Python's float() (aiconfigurator
// reads with Python's json). RapidJSON 1.1's normal-precision strtod can be a few ULPs off, and
// its full-precision one overflows to 0 on significands starting 18446744073709551615 followed by
// a digit >= 5 (and calls clzll(0) on inputs like 0e-053), so `approx`, RapidJSON's reading, only
// decides which way a value out of double's range goes: to +-0 or to +-inf.
double correctly_rounded(std::string_view token, double approx) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec == std::errc()) return value;
  if (ec == std::errc::result_out_of_range)
    return std::fabs(approx) < 1 ? std::copysign(0.0, approx)
                                 : std::copysign(std::numeric_limits<double>::infinity(), approx);
  return approx;  // not reached: RapidJSON delivers a number's text only
}

}  // namespace

std::size_t JsonDocument::string_end(std::string_view text, std::size_t begin) {
  // The closing quote is the first one not preceded by an odd run of backslashes.
  for (std::size_t i = begin + 1; i < text.size();) {
    const void* q = std::memchr(text.data() + i, '"', text.size() - i);
    if (!q) return text.size();
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(q) - text.data());
    std::size_t k = at;
    while (k > begin + 1 && text[k - 1] == '\\') --k;
    if ((at - k) % 2 == 0) return at + 1;
    i = at + 1;
  }
  return text.size();
}

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::vector<std::string> split_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  std::size_t pos = pointer[0] == '/' ? 1 : 0;
  while (true) {
    std::size_t slash = pointer.find('/', pos);
    std::string_view raw = pointer.substr(pos, slash == std::string_view::npos ? slash : slash - pos);
    std::string token;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token += raw[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        token += raw[i];
      }
    }
    tokens.push_back(std::move(token));
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  return tokens;
}

namespace {
// Python refuses to read an integer of more digits than this (sys.int_info.default_max_str_digits).
constexpr std::size_t kPythonMaxIntDigits = 4300;

// Of a JSON number token: no fraction and no exponent (Python's json reads it as an int).
bool integer_token(std::string_view token) { return token.find_first_of(".eE") == std::string_view::npos; }

// Of a JSON number token: the digits of its integer part, sign aside.
std::size_t integer_part_digits(std::string_view token) {
  const std::size_t end = token.find_first_of(".eE");
  return (end == std::string_view::npos ? token.size() : end) - (token.starts_with('-') ? 1 : 0);
}

// An integer token Python's json refuses (ValueError: too many digits).
bool python_refuses_integer(std::string_view token) {
  return integer_token(token) && integer_part_digits(token) > kPythonMaxIntDigits;
}

// The length of the JSON number at `offset` (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][-+]?[0-9]+)?), or 0.
std::size_t json_number_length(std::string_view text, std::size_t offset) {
  auto digits = [&](std::size_t at) {
    std::size_t end = at;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    return end - at;
  };
  std::size_t i = offset;
  if (i < text.size() && text[i] == '-') ++i;
  std::size_t integer = digits(i);
  if (integer == 0 || (integer > 1 && text[i] == '0')) return 0;
  i += integer;
  if (i + 1 < text.size() && text[i] == '.' && digits(i + 1) > 0) i += 1 + digits(i + 1);
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t sign = i + 1 < text.size() && (text[i + 1] == '+' || text[i + 1] == '-') ? 1 : 0;
    if (std::size_t exponent = digits(i + 1 + sign); exponent > 0) i += 1 + sign + exponent;
  }
  return i - offset;
}

// The code unit of the \uXXXX escape at `offset`, or -1.
int escaped_code_unit(std::string_view text, std::size_t offset) {
  if (offset + 6 > text.size() || text[offset] != '\\' || text[offset + 1] != 'u') return -1;
  unsigned code = 0;
  auto [ptr, ec] = std::from_chars(text.data() + offset + 2, text.data() + offset + 6, code, 16);
  return ec == std::errc() && ptr == text.data() + offset + 6 ? static_cast<int>(code) : -1;
}

bool high_surrogate(int code) { return code >= 0xD800 && code <= 0xDBFF; }
bool low_surrogate(int code) { return code >= 0xDC00 && code <= 0xDFFF; }

// AIC113 for the six-byte escape `escape` at `offset`.
// `pointer()` is asked only for a finding that is kept (past the per-file limit, findings are
// only counted: a file can hold a million of these).
template <typename Pointer>
void report_lone_surrogate_escape(FileDiagnostics& diagnostics, std::size_t offset, std::string_view escape,
                                  Pointer pointer) {
  if (diagnostics.dropped() > 0) {
    diagnostics.add(json_rules::kLoneSurrogate, offset, offset + escape.size(), {});
    return;
  }
  auto& d = diagnostics.add(json_rules::kLoneSurrogate, offset, offset + escape.size(),
                            "lone surrogate escape '" + std::string(escape) +
                                "': Python's json keeps it in the string, which then matches nothing "
                                "aiconfigurator compares it with and cannot be printed as UTF-8",
                            pointer());
  FileDiagnostics::help(d, "write the character meant, or the full surrogate pair (\\uD83D\\uDE00)");
}
}  // namespace

// The full pass: receives RapidJSON's SAX events, forwards them to the DOM being built, records
// the span of every value and key, and reports what the loader would reject or rewrite.
// RapidJSON 1.1 has no cursor wrapper, and its stream's Tell() is not reliable inside a callback
// (strings and numbers are read through a local copy of the stream). But SAX events come in the
// order of the tokens in the text, so each event's token is the next one after the previous
// token's end: skip white space, commas, colons and comments (reporting comments and trailing
// commas), then lex the token's extent. Clean files never get here: see clean_json_scanner.h.
class IndexingHandler {
 public:
  using Ch = char;
  using Span = std::pair<std::size_t, std::size_t>;

  IndexingHandler(const SourceFile& source, std::size_t base, rapidjson::Document& dom,
                  JsonDocument& out, FileDiagnostics& diagnostics, const ParseOptions& options,
                  bool text_has_words)
      : text_(source.text()),
        dom_(dom),
        out_(out),
        diagnostics_(diagnostics),
        options_(options),
        prev_end_(base),
        text_has_words_(text_has_words) {}

  bool Null() { return scalar(rapidjson::kNullType, next_token()) && dom_.Null(); }
  bool Bool(bool b) {
    return scalar(b ? rapidjson::kTrueType : rapidjson::kFalseType, next_token()) &&
           dom_.Bool(b);
  }
  bool Int(int i) { return scalar(rapidjson::kNumberType, next_token()) && dom_.Int(i); }
  bool Uint(unsigned u) { return scalar(rapidjson::kNumberType, next_token()) && dom_.Uint(u); }
  bool Int64(int64_t i) { return scalar(rapidjson::kNumberType, next_token()) && dom_.Int64(i); }
  bool Uint64(uint64_t u) { return scalar(rapidjson::kNumberType, next_token()) && dom_.Uint64(u); }
  bool Double(double d) {
    auto [begin, end] = next_token();
    std::string_view token = text_.substr(begin, end - begin);
    // RapidJSON's NaN and Infinity words aside, re-read the number (its reading can be off by
    // a few ULPs, even to inf near DBL_MAX).
    const std::size_t digit = token.starts_with('-') ? 1 : 0;
    const bool numeric = digit < token.size() && token[digit] >= '0' && token[digit] <= '9';
    if (numeric) d = correctly_rounded(token, d);
    if (std::isfinite(d)) {
      out_.nodes_[open_node(rapidjson::kNumberType, begin)].end = static_cast<std::uint32_t>(end);
      return dom_.Double(d);
    }
    if (numeric) {  // past double's range: Python's json reads it as inf (not a word: no rewrite)
      out_.nodes_[open_node(rapidjson::kNumberType, begin)].end = static_cast<std::uint32_t>(end);
      const std::string shown = std::string(token.substr(0, 40)) + (token.size() > 40 ? "..." : "");
      auto& diagnostic = diagnostics_.add(
          json_rules::kNanInfinity, begin, end,
          integer_token(token) ? "'" + shown + "' (an integer of " + std::to_string(integer_part_digits(token)) +
                        " digits) is past the range of a double: Python's json reads it exactly, but no "
                        "model field means it (aic-lint checks it as inf)"
                  : "'" + shown + "' is past the range of a double: aiconfigurator's loader reads it as " +
                        (d < 0 ? "-inf" : "inf"),
          current_pointer());
      FileDiagnostics::help(diagnostic, "write the number meant (a double holds at most 1.7976931348623157e308)");
      return dom_.Double(d);
    }
    // NaN and Infinity: the loader's regex rewrite decides what they become.
    out_.nodes_[open_node(rapidjson::kNullType, begin)].end = static_cast<std::uint32_t>(end);
    if (token == "Infinity" || token == "NaN") {
      auto& diagnostic = diagnostics_.add(
          json_rules::kNanInfinity, begin, end,
          "bare " + std::string(token) +
              " is not standard JSON; aiconfigurator's loader reads it as null",
          current_pointer());
      FileDiagnostics::help(diagnostic, "write null, or a finite number, if that is what is meant");
    } else if (token == "-Infinity" || token == "-NaN") {
      auto& diagnostic = diagnostics_.add(
          json_rules::kNegativeInfinity, begin, end,
          std::string(token) + " crashes aiconfigurator's loader: its rewrite of " +
              std::string(token.substr(1)) + " to null leaves '-null', which is not JSON",
          current_pointer());
      FileDiagnostics::help(diagnostic, "use null or a finite number");
    } else {
      auto& diagnostic = diagnostics_.add(json_rules::kSyntax, begin, end,
                                          "'" + std::string(token) + "' is not a JSON value",
                                          current_pointer());
      FileDiagnostics::help(diagnostic, "Python's json module accepts neither Inf nor -Inf");
    }
    return dom_.Null();
  }
  bool RawNumber(const Ch* str, rapidjson::SizeType len, bool copy) {
    return scalar(rapidjson::kNumberType, next_token()) && dom_.RawNumber(str, len, copy);
  }
  bool String(const Ch* str, rapidjson::SizeType len, bool copy) {
    Span span = next_token();
    if (!scalar(rapidjson::kStringType, span)) return false;
    if (text_has_words_) check_words_in_string(span.first, span.second, "string value");
    check_low_surrogates(span, str, len, [&] { return current_pointer(); });
    return dom_.String(str, len, copy);
  }
  bool Key(const Ch* str, rapidjson::SizeType len, bool copy) {
    std::tie(key_begin_, key_end_) = next_token();
    key_size_ = len;
    if (text_has_words_) check_words_in_string(key_begin_, key_end_, "key");
    check_low_surrogates({key_begin_, key_end_}, str, len,
                         [&] { return stack_.empty() ? std::string() : out_.pointer_of(stack_.back().node); });
    return dom_.Key(str, len, copy);
  }
  bool StartObject() { return start(rapidjson::kObjectType, next_token()) && dom_.StartObject(); }
  bool StartArray() { return start(rapidjson::kArrayType, next_token()) && dom_.StartArray(); }
  bool EndObject(rapidjson::SizeType members) { return finish(closing_token()) && dom_.EndObject(members); }
  bool EndArray(rapidjson::SizeType elements) { return finish(closing_token()) && dom_.EndArray(elements); }

  // After the parse: comments after the root value.
  void finish_trailing_text(std::size_t end) { scan_gap(prev_end_, end); }
  bool depth_exceeded() const { return depth_exceeded_; }

 private:
  // '}' or ']', reporting a trailing comma before it.
  Span closing_token() {
    Span span = next_token();
    if (last_comma_ != std::string_view::npos) {
      auto& d = diagnostics_.add(json_rules::kTrailingComma, last_comma_, last_comma_ + 1,
                                 std::string("trailing comma before '") + text_[span.first] +
                                     "': aiconfigurator's loader rejects the file");
      FileDiagnostics::help(d, "delete the comma");
    }
    return span;
  }

  // Span of the next token: [begin, end). Advances past it.
  Span next_token() {
    std::size_t begin = scan_gap(prev_end_, text_.size());
    prev_end_ = token_end(begin);
    return {begin, prev_end_};
  }

  std::size_t scalar_end(std::size_t begin) const {
    std::size_t i = begin;
    while (i < text_.size() && kScalarByte[static_cast<unsigned char>(text_[i])]) ++i;
    return i;
  }

  std::size_t token_end(std::size_t begin) const {
    if (begin >= text_.size()) return begin;
    char c = text_[begin];
    if (c == '"') return JsonDocument::string_end(text_, begin);
    if (c == '{' || c == '[' || c == '}' || c == ']') return begin + 1;
    return scalar_end(begin);
  }

  // Walks the bytes between two tokens, reporting comments, and returns the first byte that
  // belongs to the next token. Commas are remembered for trailing-comma detection. The loop is
  // kept small (locals only, comments handled out of line): it runs for every byte between
  // tokens, about a third of a pretty-printed config.
  std::size_t scan_gap(std::size_t from, std::size_t limit) {
    const char* data = text_.data();
    std::size_t comma = std::string_view::npos;
    std::size_t i = from;
    while (i < limit) {
      unsigned char c = static_cast<unsigned char>(data[i]);
      if (kGapByte[c]) {  // white space or ':' (the common case)
        ++i;
      } else if (c == ',') {
        comma = i++;
      } else if (c == '/' && i + 1 < text_.size() && (data[i + 1] == '/' || data[i + 1] == '*')) {
        i = report_comment(i);
      } else {
        break;
      }
    }
    last_comma_ = comma;
    return i;
  }

  // Reports the comment starting at `begin`; returns its end.
  [[gnu::noinline]] std::size_t report_comment(std::size_t begin) {
    std::size_t end;
    if (text_[begin + 1] == '/') {
      // Where RapidJSON ends it: at a line feed (a lone carriage return does not end it), or at
      // a NUL byte, where its stream stops. Token positions must follow RapidJSON's events.
      end = text_.find_first_of(std::string_view("\n\0", 2), begin);
      if (end == std::string_view::npos) end = text_.size();
    } else {
      end = text_.find("*/", begin + 2);
      end = end == std::string_view::npos ? text_.size() : end + 2;
    }
    auto& d = diagnostics_.add(json_rules::kComment, begin,
                               std::min(end, text_.find_first_of("\r\n", begin)),
                               "comments are not JSON: aiconfigurator's loader rejects the file");
    FileDiagnostics::help(d, "delete the comment");
    return end;
  }

  // Creates the node for a value that starts now; returns its index.
  std::uint32_t open_node(rapidjson::Type type, std::size_t begin) {
    JsonDocument::Node n;
    n.type = type;
    n.begin = static_cast<std::uint32_t>(begin);
    if (!stack_.empty()) {
      Open& parent = stack_.back();
      n.parent = parent.node;
      n.index = parent.count++;
      if (out_.nodes_[parent.node].type == rapidjson::kObjectType) {
        n.key_begin = static_cast<std::uint32_t>(key_begin_);
        n.key_size = static_cast<std::uint32_t>(key_size_);
      }
    }
    auto index = static_cast<std::uint32_t>(out_.nodes_.size());
    if (!stack_.empty()) {
      Open& parent = stack_.back();
      if (parent.last_child == JsonDocument::kNone) out_.nodes_[parent.node].indexed_first_child = index;
      else out_.nodes_[parent.last_child].next_sibling = index;
      parent.last_child = index;
    }
    out_.nodes_.push_back(n);
    return index;
  }

  bool scalar(rapidjson::Type type, Span span) {
    out_.nodes_[open_node(type, span.first)].end = static_cast<std::uint32_t>(span.second);
    return true;
  }

  bool start(rapidjson::Type type, Span span) {
    if (stack_.size() >= options_.max_depth) {
      depth_exceeded_ = true;
      auto& d = diagnostics_.add(json_rules::kNestingTooDeep, span.first, span.second,
                                 "nesting deeper than " + std::to_string(options_.max_depth) +
                                     " levels; the rest of the file is not read");
      FileDiagnostics::help(d, "a model config never needs this depth (real ones nest 5 levels)");
      return false;
    }
    std::uint32_t index = open_node(type, span.first);
    stack_.push_back({index, 0, JsonDocument::kNone});
    return true;
  }

  bool finish(Span span) {
    out_.nodes_[stack_.back().node].end = static_cast<std::uint32_t>(span.second);
    stack_.pop_back();
    return true;
  }

  // The loader rewrites the raw text with \bInfinity\b -> null and \bNaN\b -> null, strings
  // included, so such a word inside a string silently becomes "null".
  // Called only when text_has_words_ (neither word anywhere in the file is the common case, tested
  // inline by the callers).
  [[gnu::noinline]] void check_words_in_string(std::size_t begin, std::size_t end, const char* what) {
    std::string_view raw = text_.substr(begin, end - begin);
    if (raw.find("Infinity") == std::string_view::npos && raw.find("NaN") == std::string_view::npos)
      return;
    for (std::string_view word : {std::string_view("Infinity"), std::string_view("NaN")}) {
      for_each_word(raw, word, [&](std::size_t at) {
        auto& d = diagnostics_.add(json_rules::kInfinityInString, begin + at,
                                   begin + at + word.size(),
                                   "the word '" + std::string(word) + "' in this " + what +
                                       " is rewritten to 'null' by aiconfigurator's loader",
                                   current_pointer());
        FileDiagnostics::help(d, "avoid the whole words Infinity and NaN in strings");
      });
    }
  }

  // A \uDC00-\uDFFF escape not right after a high surrogate's: Python's json keeps it alone in
  // the string (AIC113). RapidJSON decodes it to the three bytes ED B0-BF 80-BF, which are not
  // UTF-8: in the decoded string (in the private copy) they become its private-use stand-in,
  // U+E400-U+E7FF (see surrogate_rewrite for the high ones, which are reported where they are
  // rewritten). `pointer()` is made only for a finding.
  template <typename Pointer>
  void check_low_surrogates(Span span, const Ch* decoded, rapidjson::SizeType size, Pointer pointer) {
    std::string_view raw = text_.substr(span.first, span.second - span.first);
    if (raw.find("\\u") == std::string_view::npos) return;
    bool after_high = false;  // the escape just before was a high surrogate's
    bool any = false;
    for (std::size_t i = 1; i + 1 < raw.size();) {
      if (raw[i] != '\\') {
        after_high = false;
        ++i;
        continue;
      }
      int code = escaped_code_unit(raw, i);
      if (code < 0) {
        after_high = false;
        i += 2;
        continue;
      }
      if (low_surrogate(code) && !after_high) {
        any = true;
        report_lone_surrogate_escape(diagnostics_, span.first + i, raw.substr(i, 6), pointer);
      }
      after_high = high_surrogate(code);
      i += 6;
    }
    if (!any) return;
    auto* bytes = reinterpret_cast<unsigned char*>(const_cast<Ch*>(decoded));  // the private copy
    for (rapidjson::SizeType k = 0; k + 2 < size; ++k)
      if (bytes[k] == 0xED && bytes[k + 1] >= 0xB0 && bytes[k + 1] <= 0xBF) {
        unsigned code = 0xD000u | ((bytes[k + 1] & 0x3Fu) << 6) | (bytes[k + 2] & 0x3Fu);
        unsigned stand_in = 0xE400u + (code - 0xDC00u);
        bytes[k] = 0xEE;
        bytes[k + 1] = static_cast<unsigned char>(0x80u | ((stand_in >> 6) & 0x3Fu));
        bytes[k + 2] = static_cast<unsigned char>(0x80u | (stand_in & 0x3Fu));
        k += 2;
      }
  }

  std::string current_pointer() const {
    if (out_.nodes_.empty()) return {};
    return out_.pointer_of(static_cast<std::uint32_t>(out_.nodes_.size() - 1));
  }

  struct Open {
    std::uint32_t node;
    std::uint32_t count;
    std::uint32_t last_child;
  };

  std::string_view text_;
  rapidjson::Document& dom_;
  JsonDocument& out_;
  FileDiagnostics& diagnostics_;
  const ParseOptions& options_;
  std::vector<Open> stack_;
  std::size_t prev_end_;
  std::size_t last_comma_ = std::string_view::npos;
  std::size_t key_begin_ = 0, key_end_ = 0, key_size_ = 0;
  bool text_has_words_;  // "Infinity" or "NaN" occurs somewhere in the text
  bool depth_exceeded_ = false;
};

namespace {

// Recursive descent (no kParseIterativeFlag): faster per token, and its depth is bounded by the
// handler, which stops at ParseOptions::max_depth (at most 1000) levels.
constexpr unsigned kParseFlags = rapidjson::kParseInsituFlag | rapidjson::kParseCommentsFlag |
                                 rapidjson::kParseTrailingCommasFlag |
                                 rapidjson::kParseNanAndInfFlag;
// No kParseFullPrecisionFlag: its strtod is wrong on some inputs (see correctly_rounded), and
// every double is read again from its text anyway.

std::string describe_parse_error(rapidjson::ParseErrorCode code, std::string_view text,
                                 std::size_t offset) {
  if (offset < text.size() && text[offset] == '\0') return "unexpected NUL byte";
  if (code == rapidjson::kParseErrorNumberTooBig) {
    std::string_view token = text.substr(offset, json_number_length(text, offset));
    if (!token.empty() && python_refuses_integer(token))
      return "an integer of " + std::to_string(integer_part_digits(token)) + " digits: Python's json refuses more than " +
             std::to_string(kPythonMaxIntDigits) + " (ValueError)";
  }
  // RapidJSON's English messages, as a clause: "missing a comma or '}' after an object member".
  std::string message = rapidjson::GetParseError_En(code);
  if (!message.empty() && message.back() == '.') message.pop_back();
  if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  if (offset >= text.size() && code != rapidjson::kParseErrorDocumentRootNotSingular)
    return "unexpected end of file: " + message;
  unsigned char c = static_cast<unsigned char>(text[offset]);
  if (c >= 0x20 && c < 0x7F) message += std::string(", found '") + static_cast<char>(c) + "'";
  return message;
}

// Reports repeated keys (at the key the loader keeps, with a note at the earlier one) and
// removes the earlier values from the DOM so rules see what aiconfigurator sees. True when some
// object repeats a key.
struct DuplicateKeys {
  bool any = false;           // some object repeats a key
  bool root_indexed = false;  // `root_index` holds the root object's members
};

// Pairs (nearest earlier, later) of the positions in [0, count) whose keys (key_of(position))
// are equal: pairwise for a few members, through an open-addressing table of positions otherwise
// (a quantized_layers map has ~20k keys).
template <typename KeyOf>
void find_repeated_keys(std::uint32_t count, KeyOf key_of,
                        std::vector<std::pair<std::uint32_t, std::uint32_t>>& repeats) {
  repeats.clear();
  if (count <= 8) {
    for (std::uint32_t b = 1; b < count; ++b)
      for (std::uint32_t a = b; a-- > 0;)
        if (key_of(a) == key_of(b)) {
          repeats.push_back({a, b});
          break;
        }
    return;
  }
  thread_local std::vector<std::uint32_t> table;  // reused across objects and files
  std::size_t size = 16;
  while (size < 2 * std::size_t{count}) size *= 2;
  table.assign(size, JsonDocument::kNone);
  // key_hash reads every byte: the keys of a large map (a quantized_layers map has ~20k
  // "model.layers.N...." keys) often share their length and both ends, which a ShortKey
  // hash would put in one long probe chain.
  for (std::uint32_t m = 0; m < count; ++m) {
    std::string_view key = key_of(m);
    std::size_t i = key_hash(key) & (size - 1);
    while (table[i] != JsonDocument::kNone && key_of(table[i]) != key) i = (i + 1) & (size - 1);
    if (table[i] != JsonDocument::kNone) repeats.push_back({table[i], m});
    table[i] = m;  // the latest occurrence
  }
  if (table.capacity() > (1u << 16)) std::vector<std::uint32_t>().swap(table);  // a huge map: not kept
}

// True when an object in the DOM value `v` repeats a key.
bool dom_repeats_key(const rapidjson::Value& v) {
  thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> repeats;
  if (v.IsArray()) {
    for (const auto& e : v.GetArray())
      if (dom_repeats_key(e)) return true;
    return false;
  }
  if (!v.IsObject()) return false;
  auto members = v.MemberBegin();
  find_repeated_keys(v.MemberCount(), [&](std::uint32_t k) {
    const auto& name = members[k].name;
    return std::string_view(name.GetString(), name.GetStringLength());
  }, repeats);
  if (!repeats.empty()) return true;
  for (const auto& m : v.GetObject())
    if (dom_repeats_key(m.value)) return true;
  return false;
}

// True when an object inside a lazy container, whose members have no nodes for
// resolve_duplicate_keys to check, repeats a key. Walks node `n` and its DOM value `v` together:
// before duplicates are resolved, an object's members are its child nodes, in the same order.
bool lazy_part_repeats_key(const std::vector<JsonDocument::Node>& nodes, std::uint32_t n,
                           const rapidjson::Value& v) {
  if (nodes[n].lazy) return dom_repeats_key(v);
  std::uint32_t c = nodes[n].indexed_first_child;
  if (v.IsObject()) {
    for (auto m = v.MemberBegin(); m != v.MemberEnd() && c != JsonDocument::kNone; ++m, c = nodes[c].next_sibling)
      if (lazy_part_repeats_key(nodes, c, m->value)) return true;
  } else if (v.IsArray()) {
    for (auto e = v.Begin(); e != v.End() && c != JsonDocument::kNone; ++e, c = nodes[c].next_sibling)
      if (lazy_part_repeats_key(nodes, c, *e)) return true;
  }
  return false;
}

// The root object (most of a config's members) is checked by building its MemberIndex, which
// the rules then probe (ConfigView), instead of hashing its keys twice.
DuplicateKeys resolve_duplicate_keys(JsonDocument& doc, std::vector<JsonDocument::Node>& nodes,
                                     rapidjson::Document& dom, FileDiagnostics& diagnostics,
                                     MemberIndex& root_index) {
  DuplicateKeys result;
  auto index_root = [&] {
    return dom.IsObject() && dom.MemberCount() <= JsonDocument::kMaxIndexedRoot && root_index.build_unique(dom);
  };
  using Node = JsonDocument::Node;
  // Objects with a repeated key, deepest last in document order.
  std::vector<std::uint32_t> with_duplicates;
  // Scratch reused across objects and files (every file has several objects).
  thread_local std::vector<std::uint32_t> members;
  thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> repeats;
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    const Node& object = nodes[i];
    if (object.type != rapidjson::kObjectType) continue;
    if (i == 0 && (result.root_indexed = index_root())) continue;  // no name repeats at the root
    // (A lazy object has no child nodes: lazy_part_repeats_key checked it.)
    if (object.indexed_first_child == JsonDocument::kNone) continue;
    members.clear();
    for (auto c = object.indexed_first_child; c != JsonDocument::kNone; c = nodes[c].next_sibling)
      members.push_back(c);
    find_repeated_keys(static_cast<std::uint32_t>(members.size()),
                       [&](std::uint32_t k) { return doc.key(nodes[members[k]]); }, repeats);
    for (auto [earlier_position, later_position] : repeats) {
      const std::uint32_t later_index = members[later_position];
      const Node& earlier = nodes[members[earlier_position]];
      const Node& later = nodes[later_index];
      auto& d = diagnostics.add(json_rules::kDuplicateKey, later.key_begin,
                                JsonDocument::key_end(later, diagnostics.source().text()),
                                "duplicate key '" + std::string(doc.key(later)) +
                                    "': aiconfigurator's loader silently keeps this last value",
                                doc.pointer_of(later_index));
      diagnostics.note_at(d, earlier.key_begin, "'" + std::string(doc.key(earlier)) + "' was first defined here");
      FileDiagnostics::help(d, "keep one definition with the intended value");
    }
    bool any = !repeats.empty();
    if (any) with_duplicates.push_back(i);
  }
  if (members.capacity() > (1u << 16)) std::vector<std::uint32_t>().swap(members);  // a huge map: not kept
  // Later objects first: removing members of an object never moves a node processed before.
  for (auto it = with_duplicates.rbegin(); it != with_duplicates.rend(); ++it) {
    std::vector<std::uint32_t> path;
    for (auto n = *it; nodes[n].parent != JsonDocument::kNone; n = nodes[n].parent) path.push_back(n);
    rapidjson::Value* value = &dom;
    for (auto p = path.rbegin(); p != path.rend() && value; ++p) {
      const Node& step = nodes[*p];
      if (value->IsObject()) {
        // The path's own key may itself be repeated: follow the last occurrence.
        rapidjson::Value* last = nullptr;
        for (auto m = value->MemberBegin(); m != value->MemberEnd(); ++m)
          if (std::string_view(m->name.GetString(), m->name.GetStringLength()) == doc.key(step))
            last = &m->value;
        value = last;
      } else if (value->IsArray() && step.index < value->Size()) {
        value = &(*value)[step.index];
      } else {
        value = nullptr;
      }
    }
    if (!value || !value->IsObject()) continue;
    // Keep only the last member of each key, in document order. Linear: a hostile object can
    // hold a million repeated keys.
    std::unordered_set<std::string_view> seen;
    std::vector<bool> keep(value->MemberCount());
    for (rapidjson::SizeType k = value->MemberCount(); k-- > 0;) {
      const auto& name = (value->MemberBegin() + k)->name;
      keep[k] = seen.insert(std::string_view(name.GetString(), name.GetStringLength())).second;
    }
    rapidjson::Value kept(rapidjson::kObjectType);
    for (rapidjson::SizeType k = 0; k < value->MemberCount(); ++k) {
      auto m = value->MemberBegin() + k;
      if (keep[k]) kept.AddMember(m->name, m->value, dom.GetAllocator());  // moves
    }
    *value = kept;  // moves
  }
  result.any = !with_duplicates.empty();
  if (result.any && !result.root_indexed) result.root_indexed = index_root();  // one member per name now
  return result;
}

}  // namespace

JsonDocument JsonDocument::parse(const SourceFile& source, FileDiagnostics& diagnostics,
                                 const ParseOptions& options) {
  return parse_text(source, nullptr, diagnostics, options);
}

JsonDocument JsonDocument::parse_in_place(SourceFile& source, FileDiagnostics& diagnostics,
                                          const ParseOptions& options) {
  return parse_text(source, source.bytes_for_in_place_parse(), diagnostics, options);
}

namespace {

// How the full pass ended.
struct PassResult {
  bool syntax_error = false;  // RapidJSON stopped (also when the nesting was too deep)
  rapidjson::ParseErrorCode code = rapidjson::kParseErrorNone;
  std::size_t error_offset = 0;
  std::size_t stop = 0;       // where the stream stopped: before the end only at a NUL byte
  bool depth_exceeded = false;
};

// Where RapidJSON 1.1 and Python's json disagree, the full pass rewrites the text in its private
// copy so that RapidJSON reads what Python reads, each token to one of the same length (padded
// with spaces): offsets stay those of the text, which the handler lexes for positions.
//   * Numbers RapidJSON calls "too big": past double's range (1e400, which Python reads as inf)
//     and any with an exponent past 308 (0e4000 is 0.0): "Inf", or the value in scientific form.
//   * A \uD800-\uDBFF escape without its low surrogate (RapidJSON rejects it; Python keeps the
//     lone surrogate): a private-use stand-in, \uE000-\uE3FF, one per surrogate, so that keys
//     that differ stay different (a lone low surrogate, which RapidJSON decodes to bytes that are
//     not UTF-8, gets \uE400-\uE7FF in the handler: see check_low_surrogates).

// The number at `offset` as a token RapidJSON reads as Python's value, or empty (not a number
// RapidJSON can be given: an integer Python refuses, or no rewrite short enough).
std::string number_rewrite(std::string_view text, std::size_t offset) {
  const std::size_t length = json_number_length(text, offset);
  if (length == 0) return {};
  const std::string token(text.substr(offset, length));
  if (python_refuses_integer(token)) return {};
  double value = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (end != token.data() + token.size()) return {};
  if (ec == std::errc::result_out_of_range) {
    // Past double's range one way or the other: an exponent's sign says which (an integer part
    // of 309 digits or more is large).
    std::size_t e = token.find_first_of("eE");
    bool tiny = e != std::string::npos && token[e + 1] == '-';
    value = tiny ? 0.0 : std::numeric_limits<double>::infinity();
    if (token[0] == '-') value = -value;
  } else if (ec != std::errc()) {
    return {};
  }
  std::string rewrite;
  if (std::isinf(value)) {
    rewrite = value < 0 ? "-Inf" : "Inf";
  } else {
    char buffer[32];
    auto [ptr, to_ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    if (to_ec != std::errc()) return {};
    rewrite.assign(buffer, ptr);  // an exponent: RapidJSON reads a double, as Python's json does
  }
  if (rewrite.size() > token.size()) return {};
  rewrite.resize(token.size(), ' ');
  return rewrite;
}

// The lone high surrogate's escape at `offset` as its private-use stand-in's, or empty.
std::string surrogate_rewrite(std::string_view text, std::size_t offset) {
  int code = escaped_code_unit(text, offset);
  if (!high_surrogate(code)) return {};
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(0xE000 + code - 0xD800));
  return buffer;
}

// What RapidJSON stopped on, `code` at `offset`, rewritten; empty if it cannot be.
std::string rewrite_at(std::string_view text, std::size_t offset, rapidjson::ParseErrorCode code) {
  if (code == rapidjson::kParseErrorNumberTooBig) return number_rewrite(text, offset);
  if (code == rapidjson::kParseErrorStringUnicodeSurrogateInvalid) return surrogate_rewrite(text, offset);
  return {};
}

// Every rewrite the text needs from `from` (outside any string) on, found in one scan (strings
// and comments skipped), so that a file with many of them costs two passes, not one per
// rewrite. Numbers: those with
// an integer part of 309 digits or more, or an exponent of 309 or more (a superset of what
// RapidJSON rejects; rewriting one it would accept changes nothing, as every double is read
// again from the text). Surrogates: a high one not followed by a low one.
template <typename Rewrite>  // called as rewrite(offset, replacement)
void collect_rewrites(std::string_view text, std::size_t from, Rewrite rewrite) {
  std::size_t i = from;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') {
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != '"') {
        if (text[j] != '\\') {
          ++j;
          continue;
        }
        int code = escaped_code_unit(text, j);
        if (high_surrogate(code) && low_surrogate(escaped_code_unit(text, j + 6))) {
          j += 12;
        } else if (high_surrogate(code)) {
          rewrite(j, surrogate_rewrite(text, j));
          j += 6;
        } else {
          j += code >= 0 ? 6 : 2;
        }
      }
      i = j + 1;
    } else if (c == '/' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*')) {
      std::size_t end = text[i + 1] == '/' ? text.find('\n', i) : text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t length = json_number_length(text, i);
      if (length == 0) {
        ++i;
        continue;
      }
      std::string_view token = text.substr(i, length);
      std::size_t e = token.find_first_of("eE");
      bool big_exponent = false;
      if (e != std::string_view::npos) {
        std::string_view exponent = token.substr(e + 1);
        if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.remove_prefix(1);
        while (exponent.size() > 1 && exponent[0] == '0') exponent.remove_prefix(1);
        big_exponent = exponent.size() > 3 || (exponent.size() == 3 && exponent >= "309");
      }
      if (integer_part_digits(token) >= 309 || big_exponent)
        if (std::string replacement = number_rewrite(text, i); !replacement.empty()) rewrite(i, replacement);
      i += length;
    } else {
      ++i;
    }
  }
}

// The innermost value or key holding the byte at `offset`, or kNone. O(log values + depth).
std::uint32_t node_holding(const JsonDocument& doc, std::string_view text, std::size_t offset) {
  const auto& nodes = doc.nodes();  // in document order: by where each value begins
  auto after = std::upper_bound(nodes.begin(), nodes.end(), offset,
                                [](std::size_t at, const JsonDocument::Node& n) { return at < n.begin; });
  std::uint32_t at = JsonDocument::kNone;
  if (after != nodes.end() && after->has_key() && after->key_begin <= offset &&
      offset < JsonDocument::key_end(*after, text)) {
    at = static_cast<std::uint32_t>(after - nodes.begin());  // in the key of the member that follows
  } else if (after != nodes.begin()) {
    at = static_cast<std::uint32_t>(after - nodes.begin() - 1);  // the innermost value holding it
    while (at != JsonDocument::kNone && !(nodes[at].begin <= offset && offset < nodes[at].end)) at = nodes[at].parent;
  }
  return at;
}

// AIC113 at the escape at `offset`, with the pointer of the innermost value or key holding it.
void report_lone_surrogate(const JsonDocument& doc, std::string_view text, std::size_t offset,
                           FileDiagnostics& diagnostics) {
  report_lone_surrogate_escape(diagnostics, offset, text.substr(offset, 6), [&] {
    std::uint32_t at = node_holding(doc, text, offset);
    return at == JsonDocument::kNone ? std::string() : doc.pointer_of(at);
  });
}

// The full pass: RapidJSON over a private copy of the text, positions by scanning.
PassResult run_full_pass(const SourceFile& source, std::size_t base, char* copy, JsonDocument& doc,
                         rapidjson::Document& dom, FileDiagnostics& diagnostics,
                         const ParseOptions& options, bool text_has_words) {
  rapidjson::InsituStringStream stream(copy + base);
  IndexingHandler handler(source, base, dom, doc, diagnostics, options, text_has_words);
  rapidjson::Reader reader;
  auto generate = [&](rapidjson::Document&) { return !reader.Parse<kParseFlags>(stream, handler).IsError(); };
  dom.Populate(generate);
  PassResult result;
  result.stop = base + stream.Tell();
  result.depth_exceeded = handler.depth_exceeded();
  if (reader.HasParseError()) {
    result.syntax_error = true;
    result.code = reader.GetParseErrorCode();
    result.error_offset = base + reader.GetErrorOffset();
    // Comments before the error are findings too.
    if (!result.depth_exceeded) handler.finish_trailing_text(result.error_offset);
  } else {
    handler.finish_trailing_text(std::min(result.stop, source.text().size()));
  }
  return result;
}

}  // namespace

JsonDocument JsonDocument::parse_text(const SourceFile& source, char* in_place,
                                      FileDiagnostics& diagnostics, const ParseOptions& options) {
  JsonDocument doc;
  std::string_view text = source.text();
  if (text.size() > kMaxTextSize) {
    diagnostics.add_file_level(json_rules::kFileTooLarge,
                               "file is " + std::to_string(text.size()) +
                                   " bytes: positions in it cannot be indexed; not read");
    return doc;
  }

  std::size_t base = 0;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
    auto& d = diagnostics.add(json_rules::kBom, 0, 3,
                              "UTF-8 byte order mark: aiconfigurator's loader rejects the file "
                              "(\"Unexpected UTF-8 BOM\")");
    FileDiagnostics::help(d, "save the file as UTF-8 without BOM");
    base = 3;
  }
  if (std::size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
    doc.valid_utf8_ = false;
    auto& d = diagnostics.add(json_rules::kInvalidUtf8, bad, bad + 1,
                              "invalid UTF-8 byte 0x" + hex_byte(static_cast<unsigned char>(text[bad])) +
                                  ": aiconfigurator's loader raises UnicodeDecodeError");
    FileDiagnostics::help(d, "re-encode the file as UTF-8");
  }
  if (text.find_first_not_of(" \t\r\n", base) == std::string_view::npos) {
    diagnostics.add(json_rules::kEmptyFile, 0, text.size(),
                    text.empty() ? "empty file: aiconfigurator's loader raises 'Expecting value'"
                                 : "the file holds only white space: aiconfigurator's loader "
                                   "raises 'Expecting value'");
    return doc;
  }

  // About one value per 12 bytes in pretty-printed configs: avoids regrowing the index.
  doc.nodes_.reserve(text.size() / 12 + 16);
  advise_huge_pages(doc.nodes_.data(), doc.nodes_.capacity() * sizeof(Node));
  bool text_has_words = text.find("Infinity") != std::string_view::npos ||
                        text.find("NaN") != std::string_view::npos;

  // The fast path, for clean text (see clean_json_scanner.h): no backslash (so every string is
  // its raw bytes and can stay where it is), no Infinity or NaN word (which need diagnostics).
  // SourceFile's bytes (a string, or a mapping: see FileBytes) are NUL-terminated, as both passes
  // need.
  if (options.fast_path && !text_has_words && std::memchr(text.data(), '\\', text.size()) == nullptr) {
    CleanScanInput in{text, base, in_place, false, options.max_depth, options.max_indexed_children};
    bool clean = false, lazy = false;
    auto scan = [&] {
      if (!in_place) {
        in.strings = doc.copy_text(text);
        in.terminate_strings = true;  // DOM strings in a copy stay C strings, as they always were
      }
      doc.strings_ = in.strings;
      auto generate = [&](rapidjson::Document& dom) { return clean = scan_clean_json(in, doc.nodes_, dom, lazy); };
      doc.dom_->Populate(generate);
    };
    scan();
    if (clean && lazy && lazy_part_repeats_key(doc.nodes_, 0, *doc.dom_)) {
      // A key repeated inside a lazy container (rare): its report needs nodes, so index it all.
      doc.nodes_.clear();
      doc.dom_->reset();
      in.max_indexed_children = SIZE_MAX;
      scan();
    }
    if (clean) {
      doc.text_size_ = text.size();
      doc.has_root_ = true;
      doc.read_by_fast_path_ = true;
      doc.finish(diagnostics);
      return doc;
    }
    doc.nodes_.clear();
    doc.dom_->reset();
  }

  // The full pass: RapidJSON on a private copy (an escaped string is decoded over its own raw
  // text, which the scan for positions reads), reporting everything wrong. What RapidJSON
  // rejects but Python's json reads (a number past double's range, a lone surrogate escape) is
  // rewritten in the copy (number_rewrite, surrogate_rewrite) and the pass runs again; a
  // bounded number of times, so that a hostile file costs a few passes at most.
  constexpr std::size_t kMaxPasses = 8;
  std::string patched;                  // the text with its rewrites, once it has one
  std::vector<std::size_t> surrogates;  // where lone high surrogates were rewritten
  auto rewrite = [&](std::size_t offset, const std::string& replacement) {
    if (patched.empty()) patched.assign(text);
    if (patched.compare(offset, replacement.size(), replacement) == 0) return;  // done already
    std::memcpy(patched.data() + offset, replacement.data(), replacement.size());
    if (replacement.starts_with("\\u")) surrogates.push_back(offset);
  };
  const FileDiagnostics::Mark before_pass = diagnostics.mark();
  PassResult pass;
  for (std::size_t passes = 1;; ++passes) {
    char* copy = doc.copy_text(patched.empty() ? text : std::string_view(patched));
    pass = run_full_pass(source, base, copy, doc, *doc.dom_, diagnostics, options, text_has_words);
    if (!pass.syntax_error || pass.depth_exceeded || passes == kMaxPasses) break;
    std::string replacement = rewrite_at(text, pass.error_offset, pass.code);
    if (replacement.empty()) break;
    // The first time: every rewrite the text needs at once (scanned from the start, where the
    // scan knows it is outside any string). Then one at a time, for what it did not foresee.
    if (passes == 1) collect_rewrites(text, base, rewrite);
    rewrite(pass.error_offset, replacement);
    diagnostics.rewind(before_pass);
    doc.nodes_.clear();
    doc.dom_->reset();
  }
  std::sort(surrogates.begin(), surrogates.end());
  for (std::size_t offset : surrogates) report_lone_surrogate(doc, text, offset, diagnostics);
  if (pass.syntax_error) {
    if (!pass.depth_exceeded) {
      std::size_t offset = pass.error_offset;
      rapidjson::ParseErrorCode code = pass.code;
      // A document that starts with ':', ',', ']' or '}': RapidJSON's recursive parser says
      // "invalid value", its iterative one (used before, for the same events) "the document is
      // empty"; the message stays what it was.
      if (code == rapidjson::kParseErrorValueInvalid && doc.nodes_.empty() && offset < text.size() &&
          std::string_view(":,]}").find(text[offset]) != std::string_view::npos)
        code = rapidjson::kParseErrorDocumentEmpty;
      auto& d = diagnostics.add(json_rules::kSyntax, offset, offset + 1, describe_parse_error(code, text, offset));
      FileDiagnostics::help(d, "aiconfigurator's loader (Python json) stops at this error");
    }
    doc.nodes_.clear();
    doc.dom_->SetNull();
    return doc;
  }
  // RapidJSON's StringStream takes a NUL byte for the end of the text, so "{}\0junk" parses;
  // Python's json rejects it ("Extra data"), and so do we.
  if (pass.stop < text.size()) {
    auto& d = diagnostics.add(json_rules::kSyntax, pass.stop, pass.stop + 1,
                              "unexpected NUL byte after the document");
    FileDiagnostics::help(d, "aiconfigurator's loader (Python json) stops at this error");
    doc.nodes_.clear();
    doc.dom_->SetNull();
    return doc;
  }
  doc.has_root_ = true;
  doc.finish(diagnostics);
  return doc;
}

namespace {
// Past these, a finished document's storage is freed rather than kept for the next one: a worker
// holds one document at a time (tests hold a few). An index of up to 16 MiB (a 5 MB config) is
// kept: the thread's next large file then reuses its pages instead of faulting in fresh ones
// (corpus: ~5% fewer page faults), and keeping it does not raise the peak, which that file set.
constexpr std::size_t kSpareDoms = 4;
constexpr std::size_t kKeptIndexBytes = 16 << 20;
thread_local bool spare_doms_gone = false;  // trivially destructible: still readable at thread exit

template <typename Dom>
struct SpareDoms {
  std::vector<std::unique_ptr<Dom>> doms;
  SpareDoms() { doms.reserve(kSpareDoms); }
  ~SpareDoms() { spare_doms_gone = true; }  // a document destroyed later frees its own
};

template <typename Dom>
std::vector<std::unique_ptr<Dom>>& spare_doms() {
  thread_local SpareDoms<Dom> spare;
  return spare.doms;
}
}  // namespace

void JsonDocument::Dom::reset() {
  SetNull();     // values own nothing: the pool does
  pool.Clear();  // frees the chunks past the first, empties the first
}

std::unique_ptr<JsonDocument::Dom, JsonDocument::Recycle> JsonDocument::take_dom() {
  if (!spare_doms_gone) {
    if (auto& spare = spare_doms<Dom>(); !spare.empty()) {
      std::unique_ptr<Dom, Recycle> dom(spare.back().release());
      spare.pop_back();
      return dom;
    }
  }
  return std::unique_ptr<Dom, Recycle>(new Dom());
}

void JsonDocument::Recycle::operator()(Dom* dom) const noexcept {
  std::unique_ptr<Dom> owned(dom);
  if (spare_doms_gone) return;
  auto& spare = spare_doms<Dom>();
  if (spare.size() == kSpareDoms) return;
  owned->reset();
  spare.push_back(std::move(owned));  // reserved: does not allocate
}

JsonDocument::~JsonDocument() {
  if (dom_ && nodes_.capacity() * sizeof(Node) <= kKeptIndexBytes) {
    nodes_.clear();
    dom_->spare_nodes.swap(nodes_);
  }
}

char* JsonDocument::copy_text(std::string_view text) {
  if (!insitu_) insitu_ = std::make_unique_for_overwrite<char[]>(text.size() + 1);
  std::memcpy(insitu_.get(), text.data(), text.size());
  insitu_[text.size()] = '\0';
  strings_ = insitu_.get();
  return insitu_.get();
}

void JsonDocument::finish(FileDiagnostics& diagnostics) {
  DuplicateKeys duplicates = resolve_duplicate_keys(*this, nodes_, *dom_, diagnostics, dom_->root_members);
  repeated_keys_ = duplicates.any;
  root_indexed_ = duplicates.root_indexed;
  if (!dom_->IsObject()) {
    const Node& root = nodes_.front();
    auto& d = diagnostics.add(json_rules::kTopLevelNotObject, root.begin, root.begin + 1,
                              "the top-level value is not an object: aiconfigurator's parser "
                              "raises TypeError on config[\"architectures\"]");
    FileDiagnostics::help(d, "a model config is one JSON object, like HuggingFace's config.json");
  }
}

std::uint32_t JsonDocument::first_child(std::uint32_t n) const {
  if (node(n).lazy) index_lazy_subtree(n);
  return node(n).indexed_first_child;
}

void JsonDocument::index_lazy_subtree(std::uint32_t n) const {
  thread_local std::vector<Node> subtree;  // scratch
  subtree.clear();
  // A private copy's strings end at a NUL (the fast path overwrote their closing quotes).
  const char string_end = strings_ == insitu_.get() ? '\0' : '"';
  if (!late_nodes_) late_nodes_ = std::make_unique<std::deque<Node>>();
  const auto first = static_cast<std::uint32_t>(nodes_.size() + late_nodes_->size());
  index_subtree(std::string_view(strings_, text_size_), string_end, nodes_[n], n, first, subtree);
  late_nodes_->insert(late_nodes_->end(), subtree.begin(), subtree.end());
  nodes_[n].indexed_first_child = subtree.empty() ? kNone : first;  // (only the parse's nodes are lazy)
  nodes_[n].lazy = false;
  if (subtree.capacity() > (1u << 16)) std::vector<Node>().swap(subtree);  // a huge container: not kept
}

std::uint32_t JsonDocument::child(std::uint32_t parent, std::string_view key) const {
  if (parent == kNone || node(parent).type != rapidjson::kObjectType) return kNone;
  std::uint32_t found = kNone;
  for (auto c = first_child(parent); c != kNone; c = node(c).next_sibling) {
    if (this->key(node(c)) == key) {
      found = c;
      if (!repeated_keys_) break;  // no key repeats anywhere: the first is the last
    }
  }
  return found;
}

std::uint32_t JsonDocument::element(std::uint32_t parent, std::size_t index) const {
  if (parent == kNone || node(parent).type != rapidjson::kArrayType) return kNone;
  for (auto c = first_child(parent); c != kNone; c = node(c).next_sibling)
    if (node(c).index == index) return c;
  return kNone;
}

namespace {
bool parse_index(std::string_view token, std::size_t& out) {
  if (token.empty() || token.size() > 18 || (token.size() > 1 && token[0] == '0')) return false;
  out = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
}
}  // namespace

std::uint32_t JsonDocument::nearest(std::string_view pointer) const {
  if (nodes_.empty()) return kNone;
  std::uint32_t current = 0;
  for (const std::string& token : split_pointer(pointer)) {
    std::uint32_t next = kNone;
    std::size_t index;
    if (node(current).type == rapidjson::kObjectType) next = child(current, token);
    else if (node(current).type == rapidjson::kArrayType && parse_index(token, index))
      next = element(current, index);
    if (next == kNone) return current;
    current = next;
  }
  return current;
}

std::uint32_t JsonDocument::find(std::string_view pointer) const {
  std::uint32_t n = nearest(pointer);
  if (n == kNone || pointer_of(n).size() != pointer.size()) return kNone;
  return n;
}

std::string JsonDocument::pointer_of(std::uint32_t at) const {
  thread_local std::vector<std::uint32_t> path;  // scratch: no allocation per call
  path.clear();
  for (auto n = at; n != kNone && node(n).parent != kNone; n = node(n).parent) path.push_back(n);
  std::string out;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    const Node& n = node(*it);
    out += '/';
    if (!n.has_key()) {
      char digits[16];
      out.append(digits, std::to_chars(digits, digits + sizeof digits, n.index).ptr);
    } else if (std::string_view k = key(n);
               std::none_of(k.begin(), k.end(), [](char c) { return c == '~' || c == '/'; })) {
      // (not find_first_of("~/"): libstdc++ calls memchr on the set once per byte of the key)
      out += k;  // nothing to escape (nearly every key)
    } else {
      out += escape_pointer_token(k);
    }
  }
  return out;
}

const rapidjson::Value* JsonDocument::value_of(std::uint32_t at) const {
  if (at == kNone || at >= nodes_.size() + (late_nodes_ ? late_nodes_->size() : 0)) return nullptr;
  const Node& n = node(at);
  if (n.parent == kNone) return dom_.get();
  const rapidjson::Value* parent = value_of(n.parent);
  if (!parent) return nullptr;
  // (The node's parent may not be the DOM's: under an earlier value of a repeated key, which the
  // DOM dropped, the path leads into the last value, of another type perhaps.)
  if (parent->IsObject() && n.has_key()) {
    auto it = parent->FindMember(rapidjson::Value(rapidjson::StringRef(key(n).data(), key(n).size())));
    return it == parent->MemberEnd() ? nullptr : &it->value;
  }
  if (parent->IsArray() && !n.has_key() && n.index < parent->Size()) return &(*parent)[n.index];
  return nullptr;
}

}  // namespace aic

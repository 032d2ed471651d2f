#include "core/clean_json_scanner.h"

#if defined(__SSE2__)
#include <emmintrin.h>  // part of x86-64; other targets take the byte loops alone
#endif

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace aic {

namespace {

using Node = JsonDocument::Node;

class CleanJsonScanner {
 public:
  CleanJsonScanner(const CleanScanInput& in, std::vector<Node>& nodes, rapidjson::Document& dom)
      : in_(in), text_(in.text.data()), end_(in.text.data() + in.text.size()), nodes_(nodes), dom_(dom) {}

  bool run() {
    p_ = text_ + in_.base;
    skip_white_space();
    nodes_.push_back(Node{});
    if (!value(0, 0)) return false;
    skip_white_space();
    return p_ == end_;
  }
  bool marked_lazy() const { return lazy_; }

 private:
  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - text_); }

  static bool white_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

  // JSON white space. Most gaps are empty (before ':' and ',') or one space (after ':'): the
  // first two bytes settle those (p_ <= end_, and *end_ is NUL). Pretty-printed configs have a
  // run of indentation after every line break: 16 bytes at a time while 16 remain.
  void skip_white_space() {
    if (!white_space(*p_)) return;
    if (!white_space(p_[1])) {
      ++p_;
      return;
    }
#if defined(__SSE2__)
    while (p_ + 16 <= end_) {
      __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_));
      __m128i ws = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(s, _mm_set1_epi8(' ')),
                                             _mm_cmpeq_epi8(s, _mm_set1_epi8('\n'))),
                                _mm_or_si128(_mm_cmpeq_epi8(s, _mm_set1_epi8('\r')),
                                             _mm_cmpeq_epi8(s, _mm_set1_epi8('\t'))));
      unsigned other = ~static_cast<unsigned>(_mm_movemask_epi8(ws)) & 0xFFFFu;
      if (other) {
        p_ += __builtin_ctz(other);
        return;
      }
      p_ += 16;
    }
#endif
    while (p_ < end_ && white_space(*p_)) ++p_;
  }

  // The closing quote of a string whose content starts at `p`, or nullptr at a control
  // character (RapidJSON and Python reject those) or the end of the text.
  const char* closing_quote(const char* p) const {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i control = _mm_set1_epi8(0x1F);
    while (p + 16 <= end_) {
      __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      // max(s, 0x1F) == 0x1F exactly for the bytes 0x00-0x1F (unsigned).
      __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(s, quote), _mm_cmpeq_epi8(_mm_max_epu8(s, control), control));
      if (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit))) {
        p += __builtin_ctz(mask);
        return *p == '"' ? p : nullptr;
      }
      p += 16;
    }
#endif
    for (; p < end_; ++p) {
      if (*p == '"') return p;
      if (static_cast<unsigned char>(*p) < 0x20) return nullptr;
    }
    return nullptr;
  }

  // The string at p_ (its opening quote): its decoded bytes, which are its raw bytes.
  bool string(const char*& data, std::size_t& size) {
    const char* content = p_ + 1;
    const char* quote = closing_quote(content);
    if (!quote) return false;
    data = in_.strings + (content - text_);
    size = static_cast<std::size_t>(quote - content);
    if (in_.terminate_strings) in_.strings[quote - text_] = '\0';
    p_ = quote + 1;
    return true;
  }

  // Parses the value at p_ into node `self` (already appended, its parent and key set), or into
  // the DOM alone when `self` is kNone (inside a lazy container).
  bool value(std::uint32_t self, std::size_t depth) {
    if (self != JsonDocument::kNone) nodes_[self].begin = offset(p_);
    switch (*p_) {
      case '{': return object(self, depth);
      case '[': return array(self, depth);
      case '"': {
        const char* data;
        std::size_t size;
        if (!string(data, size)) return false;
        finish_scalar(self, rapidjson::kStringType);
        return dom_.String(data, static_cast<rapidjson::SizeType>(size), false);
      }
      case 't': return literal("true", rapidjson::kTrueType, self) && dom_.Bool(true);
      case 'f': return literal("false", rapidjson::kFalseType, self) && dom_.Bool(false);
      case 'n': return literal("null", rapidjson::kNullType, self) && dom_.Null();
      default: return number(self);
    }
  }

  void finish_scalar(std::uint32_t self, rapidjson::Type type) {
    if (self == JsonDocument::kNone) return;
    nodes_[self].type = type;
    nodes_[self].end = offset(p_);
  }

  bool literal(std::string_view word, rapidjson::Type type, std::uint32_t self) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0)
      return false;
    p_ += word.size();
    finish_scalar(self, type);
    return true;
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  // A number, typed as RapidJSON types it: Uint up to 2^32 - 1, Int down to -2^31, then Uint64 /
  // Int64, and Double for a fraction, an exponent or an integer past 64 bits. Doubles are read
  // with from_chars, as the full pass re-reads them (correctly rounded, like Python).
  bool number(std::uint32_t self) {
    const char* start = p_;
    bool minus = *p_ == '-';
    if (minus) ++p_;
    std::uint64_t magnitude = 0;
    bool overflow = false;
    if (*p_ == '0') {
      ++p_;
    } else if (digit(*p_)) {
      for (; digit(*p_); ++p_)
        overflow |= __builtin_mul_overflow(magnitude, 10u, &magnitude) ||
                    __builtin_add_overflow(magnitude, static_cast<unsigned>(*p_ - '0'), &magnitude);
      // RapidJSON rejects an integer part of 309 digits or more ("number too big"): let it decide.
      if (p_ - start > 300) return false;
    } else {
      return false;
    }
    bool is_double = overflow;
    if (*p_ == '.') {
      ++p_;
      if (!digit(*p_)) return false;
      while (digit(*p_)) ++p_;
      is_double = true;
    }
    if (*p_ == 'e' || *p_ == 'E') {
      ++p_;
      bool negative = *p_ == '-';
      if (*p_ == '+' || *p_ == '-') ++p_;
      if (!digit(*p_)) return false;
      int exponent = 0;
      for (; digit(*p_); ++p_) exponent = std::min(exponent * 10 + (*p_ - '0'), 1000);
      // RapidJSON rejects a positive exponent past 308 ("number too big"; the limit grows with the
      // fraction's digits) even for 0e400, which Python reads as 0.0: that is the full pass's
      // call, so leave such numbers to it. 1e308 (in real configs) is fine for both.
      if (!negative && exponent > 308) return false;
      is_double = true;
    }
    finish_scalar(self, rapidjson::kNumberType);
    if (!minus && !is_double)
      return magnitude <= UINT32_MAX ? dom_.Uint(static_cast<unsigned>(magnitude)) : dom_.Uint64(magnitude);
    if (minus && !is_double && magnitude <= (std::uint64_t{1} << 63)) {
      auto negated = static_cast<std::int64_t>(~magnitude + 1);  // -2^63 included
      return magnitude <= (std::uint64_t{1} << 31) ? dom_.Int(static_cast<int>(negated)) : dom_.Int64(negated);
    }
    double d = 0;
    auto [ptr, ec] = std::from_chars(start, p_, d);
    if (ec != std::errc() || ptr != p_ || !std::isfinite(d)) return false;  // the full pass reports
    return dom_.Double(d);
  }

  // Appends a child of `parent` at p_ and links it after `last`; returns its index.
  std::uint32_t add_child(std::uint32_t parent, std::uint32_t count, std::uint32_t& last) {
    Node n;
    n.parent = parent;
    n.index = count;
    auto index = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back(n);
    if (last == JsonDocument::kNone) nodes_[parent].indexed_first_child = index;
    else nodes_[last].next_sibling = index;
    last = index;
    return index;
  }

  bool object(std::uint32_t self, std::size_t depth) {
    std::uint32_t count = 0;
    return dom_.StartObject() &&
           container(self, depth, rapidjson::kObjectType, '}', count,
                     [&](std::uint32_t child) { return member(child, depth); }) &&
           dom_.EndObject(count);
  }

  bool array(std::uint32_t self, std::size_t depth) {
    std::uint32_t count = 0;
    return dom_.StartArray() &&
           container(self, depth, rapidjson::kArrayType, ']', count,
                     [&](std::uint32_t child) { return value(child, depth + 1); }) &&
           dom_.EndArray(count);
  }

  // An object member at p_ (its key's opening quote) into node `child`: key, ':', value.
  bool member(std::uint32_t child, std::size_t depth) {
    if (*p_ != '"') return false;
    const char* key_begin = p_;
    const char* key;
    std::size_t key_size;
    if (!string(key, key_size) || !dom_.Key(key, static_cast<rapidjson::SizeType>(key_size), false))
      return false;
    if (child != JsonDocument::kNone) {
      nodes_[child].key_begin = offset(key_begin);
      nodes_[child].key_size = static_cast<std::uint32_t>(key_size);
    }
    skip_white_space();
    if (*p_ != ':') return false;
    ++p_;
    skip_white_space();
    return value(child, depth + 1);
  }

  // The '{' or '[' at p_ and its items up to `close`, comma-separated (no trailing comma): each
  // item is read by `item` into a new child node (kNone: the DOM alone). `count` receives the
  // number of items.
  template <typename Item>
  bool container(std::uint32_t self, std::size_t depth, rapidjson::Type type, char close,
                 std::uint32_t& count, Item item) {
    if (depth >= in_.max_depth) return false;  // the full pass reports it
    bool indexing = self != JsonDocument::kNone;
    if (indexing) nodes_[self].type = type;
    ++p_;
    skip_white_space();
    std::uint32_t last = JsonDocument::kNone;
    if (*p_ != close) {
      while (true) {
        if (indexing && count == in_.max_indexed_children) {
          forget_children(self);
          indexing = false;
        }
        if (!item(indexing ? add_child(self, count, last) : JsonDocument::kNone)) return false;
        ++count;
        skip_white_space();
        if (*p_ == close) break;
        if (*p_ != ',') return false;
        ++p_;
        skip_white_space();
      }
    }
    ++p_;
    if (self != JsonDocument::kNone) nodes_[self].end = offset(p_);
    return true;
  }

  // Drops the nodes of `self`'s children so far (its descendants: the last nodes appended) and
  // marks it lazy.
  void forget_children(std::uint32_t self) {
    if (nodes_[self].indexed_first_child != JsonDocument::kNone) nodes_.resize(nodes_[self].indexed_first_child);
    nodes_[self].indexed_first_child = JsonDocument::kNone;
    nodes_[self].lazy = true;
    lazy_ = true;
  }

  const CleanScanInput& in_;
  const char* text_;
  const char* end_;  // *end_ is the text's terminating NUL
  const char* p_ = nullptr;
  std::vector<Node>& nodes_;
  rapidjson::Document& dom_;
  bool lazy_ = false;  // some node was marked lazy
};

}  // namespace

bool scan_clean_json(const CleanScanInput& in, std::vector<JsonDocument::Node>& nodes,
                     rapidjson::Document& dom, bool& lazy) {
  CleanJsonScanner scanner(in, nodes, dom);
  bool clean = scanner.run();
  lazy = scanner.marked_lazy();
  return clean;
}

}  // namespace aic

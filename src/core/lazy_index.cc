#include "core/lazy_index.h"

#include <cstring>

namespace aic {

namespace {

using Node = JsonDocument::Node;

class ChildScanner {
 public:
  ChildScanner(std::string_view text, char string_end)
      : text_(text.data()), end_(text.data() + text.size()), string_end_(string_end) {}

  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - text_); }
  const char* at(std::uint32_t offset) const { return text_ + offset; }

  const char* skip_white_space(const char* p) const {
    while (p < end_ && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
    return p;
  }

  // Past the string whose opening quote is at p.
  const char* skip_string(const char* p) const {
    const void* close = std::memchr(p + 1, string_end_, static_cast<std::size_t>(end_ - p - 1));
    return close ? static_cast<const char*>(close) + 1 : end_;
  }

  // Past the value at p. A container is skipped by counting brackets outside strings.
  const char* skip_value(const char* p) const {
    if (*p == '"') return skip_string(p);
    if (*p != '{' && *p != '[') {
      while (p < end_ && !delimiter(*p)) ++p;
      return p;
    }
    std::size_t depth = 0;
    while (p < end_) {
      char c = *p;
      if (c == '"') {
        p = skip_string(p);
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return p + 1;
      }
      ++p;
    }
    return p;
  }

  static rapidjson::Type type_at(char c) {
    switch (c) {
      case '{': return rapidjson::kObjectType;
      case '[': return rapidjson::kArrayType;
      case '"': return rapidjson::kStringType;
      case 't': return rapidjson::kTrueType;
      case 'f': return rapidjson::kFalseType;
      case 'n': return rapidjson::kNullType;
      default: return rapidjson::kNumberType;
    }
  }

  // A non-empty object or array starting at p.
  bool has_children(const char* p) const {
    if (*p != '{' && *p != '[') return false;
    const char* inside = skip_white_space(p + 1);
    return inside < end_ && *inside != '}' && *inside != ']';
  }

 private:
  static bool delimiter(char c) {
    return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  const char* text_;
  const char* end_;
  char string_end_;
};

}  // namespace

void index_children(std::string_view text, char string_end, const Node& container, std::uint32_t parent,
                    std::uint32_t first_index, std::vector<Node>& out) {
  ChildScanner scan(text, string_end);
  const bool object = container.type == rapidjson::kObjectType;
  const char close = object ? '}' : ']';
  const char* end = text.data() + text.size();
  const char* p = scan.skip_white_space(scan.at(container.begin) + 1);
  std::uint32_t count = 0;
  // The text was read as clean JSON, so each step below finds what it expects; the checks that
  // stop early only keep a mapped file changed by another process since from looping or
  // reading past the end (the children found up to there are kept).
  while (p < end && *p != close) {
    Node child;
    child.parent = parent;
    if (object) {
      const char* key_end = scan.skip_string(p);
      if (*p != '"' || key_end >= end) break;
      child.key_begin = scan.offset(p);
      child.key_size = static_cast<std::uint32_t>(key_end - p - 2);  // no escape: decoded = raw
      p = scan.skip_white_space(scan.skip_white_space(key_end) + 1);  // past ':'
    } else {
      child.index = count;
    }
    if (p >= end) break;
    const char* value_end = scan.skip_value(p);
    if (value_end == p) break;
    child.begin = scan.offset(p);
    child.end = scan.offset(value_end);
    child.type = ChildScanner::type_at(*p);
    child.lazy = scan.has_children(p);
    if (count > 0) out.back().next_sibling = first_index + count;
    out.push_back(child);
    ++count;
    p = scan.skip_white_space(value_end);
    if (p < end && *p == ',') p = scan.skip_white_space(p + 1);
  }
}

}  // namespace aic

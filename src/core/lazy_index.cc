#include "core/lazy_index.h"

#include <cstring>

namespace aic {

namespace {

using Node = JsonDocument::Node;

class SubtreeScanner {
 public:
  SubtreeScanner(std::string_view text, char string_end)
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

  // Past the string or scalar at p.
  const char* skip_value(const char* p) const {
    if (*p == '"') return skip_string(p);
    while (p < end_ && !delimiter(*p)) ++p;
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

 private:
  static bool delimiter(char c) {
    return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  const char* text_;
  const char* end_;
  char string_end_;
};

}  // namespace

void index_subtree(std::string_view text, char string_end, const Node& container, std::uint32_t parent,
                    std::uint32_t first_index, std::vector<Node>& out) {
  SubtreeScanner scan(text, string_end);
  const char* end = text.data() + text.size();
  // The containers open around the scan: the lazy one (parent) first, then descendants (their
  // node numbers, from first_index on, are out's positions + first_index).
  struct Open {
    std::uint32_t node;
    std::uint32_t count = 0;
    std::uint32_t last_child = JsonDocument::kNone;
    bool object;
  };
  std::vector<Open> open{{parent, 0, JsonDocument::kNone, container.type == rapidjson::kObjectType}};
  auto at = [&](std::uint32_t node) -> Node& { return out[node - first_index]; };
  const char* p = scan.skip_white_space(scan.at(container.begin) + 1);
  // The text was read as clean JSON, so each step below finds what it expects; the checks that
  // stop early only keep a mapped file changed by another process since from looping or
  // reading past the end (what was indexed up to there is kept).
  while (p < end) {
    Open& top = open.back();
    if (*p == (top.object ? '}' : ']')) {  // the end of an open container
      if (top.node != parent) at(top.node).end = scan.offset(p + 1);
      open.pop_back();
      if (open.empty()) return;
      p = scan.skip_white_space(p + 1);
      if (p < end && *p == ',') p = scan.skip_white_space(p + 1);
      continue;
    }
    Node child;
    child.parent = top.node;
    if (top.object) {
      const char* key_end = scan.skip_string(p);
      if (*p != '"' || key_end >= end) break;
      child.key_begin = scan.offset(p);
      child.key_size = static_cast<std::uint32_t>(key_end - p - 2);  // no escape: decoded = raw
      p = scan.skip_white_space(scan.skip_white_space(key_end) + 1);  // past ':'
      if (p >= end) break;
    } else {
      child.index = top.count;
    }
    child.begin = scan.offset(p);
    child.type = SubtreeScanner::type_at(*p);
    const bool opens = *p == '{' || *p == '[';
    const char* value_end = opens ? p + 1 : scan.skip_value(p);  // a container's end: at its bracket
    if (value_end == p) break;
    child.end = scan.offset(value_end);
    // Appended, then linked: a node is never linked before it exists.
    const auto index = static_cast<std::uint32_t>(first_index + out.size());
    out.push_back(child);
    if (top.last_child != JsonDocument::kNone) at(top.last_child).next_sibling = index;
    else if (top.node != parent) at(top.node).indexed_first_child = index;  // (the caller links parent's)
    ++top.count;
    top.last_child = index;
    if (opens) {  // its members or elements follow
      open.push_back({index, 0, JsonDocument::kNone, *p == '{'});
      p = scan.skip_white_space(p + 1);
      continue;
    }
    p = scan.skip_white_space(value_end);
    if (p < end && *p == ',') p = scan.skip_white_space(p + 1);
  }
}

}  // namespace aic

#include "config/glob.h"

namespace aic {

namespace {

// Matches a [...] class at pattern[p] against c; sets `next` to the index after ']'.
// Returns false with next == npos for an unterminated class (then '[' is literal).
bool match_class(std::string_view pattern, std::size_t p, char c, std::size_t& next) {
  std::size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool matched = false;
  bool first = true;
  for (; i < pattern.size() && (first || pattern[i] != ']'); ++i, first = false) {
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      if (pattern[i] <= c && c <= pattern[i + 2]) matched = true;
      i += 2;
    } else if (pattern[i] == c) {
      matched = true;
    }
  }
  if (i >= pattern.size()) {
    next = std::string_view::npos;
    return false;
  }
  next = i + 1;
  return matched != negate && c != '/';
}

bool match(std::string_view pattern, std::string_view path) {
  std::size_t p = 0, s = 0;
  while (p < pattern.size()) {
    char pc = pattern[p];
    if (pc == '*') {
      bool globstar = p + 1 < pattern.size() && pattern[p + 1] == '*';
      if (globstar) {
        std::size_t after = p + 2;
        // "**/" may match no directory at all.
        if (after < pattern.size() && pattern[after] == '/' && match(pattern.substr(after + 1), path.substr(s)))
          return true;
        for (std::size_t k = s; k <= path.size(); ++k)
          if (match(pattern.substr(after), path.substr(k))) return true;
        return false;
      }
      for (std::size_t k = s; k <= path.size(); ++k) {
        if (match(pattern.substr(p + 1), path.substr(k))) return true;
        if (k < path.size() && path[k] == '/') break;
      }
      return false;
    }
    if (s >= path.size()) return false;
    if (pc == '?') {
      if (path[s] == '/') return false;
    } else if (pc == '[') {
      std::size_t next = 0;
      bool ok = match_class(pattern, p, path[s], next);
      if (next != std::string_view::npos) {
        if (!ok) return false;
        p = next;
        ++s;
        continue;
      }
      if (path[s] != '[') return false;  // unterminated: a literal '['
    } else if (pc == '\\' && p + 1 < pattern.size()) {
      ++p;
      if (path[s] != pattern[p]) return false;
    } else if (pc != path[s]) {
      return false;
    }
    ++p;
    ++s;
  }
  return s == path.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  while (pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
  while (path.substr(0, 2) == "./") path.remove_prefix(2);
  if (pattern.find('/') == std::string_view::npos) {
    std::size_t slash = path.rfind('/');
    if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  } else if (!pattern.empty() && pattern.front() == '/') {
    pattern.remove_prefix(1);  // "/x" anchors at the configuration file's directory, as "x" does
  }
  return match(pattern, path);
}

}  // namespace aic

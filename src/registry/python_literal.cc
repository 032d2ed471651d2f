#include "registry/python_literal.h"

#include <cctype>

#include "core/errors.h"
#include "core/source_file.h"

namespace aic::python {

std::string_view kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::string: return "a string";
    case Value::Kind::integer: return "an integer";
    case Value::Kind::boolean: return "a boolean";
    case Value::Kind::none: return "None";
    case Value::Kind::dict: return "a dict";
    case Value::Kind::list: return "a list";
    case Value::Kind::tuple: return "a tuple";
    case Value::Kind::set: return "a set";
  }
  return "a value";
}

namespace {

constexpr int kMaxNesting = 64;

bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool ident_char(char c) { return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)); }

// A string prefix (r, u, b, f, rb, br, fr, rf in any case), or false.
bool string_prefix(std::string_view word) {
  if (word.size() > 2) return false;
  for (char c : word)
    if (std::string_view("rRuUbBfF").find(c) == std::string_view::npos) return false;
  return true;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Reader {
 public:
  Reader(std::string_view text, const std::string& display)
      : text_(text), source_(display, std::string(text)) {}

  std::optional<Assignment> find(std::string_view name) {
    std::optional<Assignment> found;
    std::size_t depth = 0;
    bool line_start = true;
    while (pos_ < text_.size()) {
      if (line_start && depth == 0) {
        line_start = false;
        std::size_t indent_begin = pos_;
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\f')) ++pos_;
        if (pos_ == indent_begin && pos_ < text_.size() && ident_start(text_[pos_])) {
          std::size_t begin = pos_;
          std::string_view word = identifier();
          if (word == name) {
            statement(name, begin, found);
            line_start = true;  // statement() stops after the logical line
            continue;
          }
          if (string_prefix(word) && pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"'))
            skip_string();
          continue;
        }
        continue;
      }
      char c = text_[pos_];
      if (c == '#') {
        skip_comment();
      } else if (c == '\'' || c == '"') {
        skip_string();
      } else if (ident_start(c)) {
        std::string_view word = identifier();
        if (string_prefix(word) && pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"'))
          skip_string();
      } else if (c == '(' || c == '[' || c == '{') {
        ++depth;
        ++pos_;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth > 0) --depth;
        ++pos_;
      } else if (c == '\\' && next_is_newline(pos_ + 1)) {
        pos_ = after_newline(pos_ + 1);
      } else if (c == '\n' || c == '\r') {
        pos_ = after_newline(pos_);
        if (depth == 0) line_start = true;
      } else {
        ++pos_;
      }
    }
    return found;
  }

 private:
  [[noreturn]] void fail(std::size_t at, const std::string& message) const {
    Location loc = source_.location(at);
    throw UsageError(source_.path() + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column) +
                     ": " + message);
  }

  bool next_is_newline(std::size_t at) const {
    return at < text_.size() && (text_[at] == '\n' || text_[at] == '\r');
  }
  std::size_t after_newline(std::size_t at) const {
    if (text_[at] == '\r' && at + 1 < text_.size() && text_[at + 1] == '\n') return at + 2;
    return at + 1;
  }

  std::string_view identifier() {
    std::size_t begin = pos_;
    while (pos_ < text_.size() && ident_char(text_[pos_])) ++pos_;
    return text_.substr(begin, pos_ - begin);
  }

  void skip_comment() {
    while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
  }

  // Skips a string literal (any prefix already consumed) outside the table: lenient, since the
  // rest of the file is ordinary Python that aic-lint does not read.
  void skip_string() {
    std::size_t begin = pos_;
    char q = text_[pos_];
    bool triple = pos_ + 2 < text_.size() && text_[pos_ + 1] == q && text_[pos_ + 2] == q;
    pos_ += triple ? 3 : 1;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\\') {
        pos_ += 2;
        continue;
      }
      if (c == q) {
        if (!triple) {
          ++pos_;
          return;
        }
        if (pos_ + 2 < text_.size() && text_[pos_ + 1] == q && text_[pos_ + 2] == q) {
          pos_ += 3;
          return;
        }
      } else if (!triple && (c == '\n' || c == '\r')) {
        return;  // unterminated one-line string: Python's problem, not ours
      }
      ++pos_;
    }
    (void)begin;
  }

  // Spaces, tabs, comments and line continuations; inside brackets also newlines.
  void skip_space(bool newlines) {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\f') {
        ++pos_;
      } else if (c == '#') {
        skip_comment();
      } else if (c == '\\' && next_is_newline(pos_ + 1)) {
        pos_ = after_newline(pos_ + 1);
      } else if (newlines && (c == '\n' || c == '\r')) {
        pos_ = after_newline(pos_);
      } else {
        return;
      }
    }
  }

  std::string shown_token(std::size_t at) const {
    if (at >= text_.size()) return "the end of the file";
    char c = text_[at];
    if (c == '\n' || c == '\r') return "the end of the line";
    std::size_t end = at;
    if (ident_char(c)) {
      while (end < text_.size() && ident_char(text_[end])) ++end;
    } else {
      end = at + 1;
    }
    return "'" + make_printable(text_.substr(at, end - at)) + "'";
  }

  // A top-level statement that starts with the table's name.
  void statement(std::string_view name, std::size_t begin, std::optional<Assignment>& found) {
    skip_space(false);
    std::size_t at = pos_;
    char c = at < text_.size() ? text_[at] : '\0';
    bool assign = c == '=' && !(at + 1 < text_.size() && text_[at + 1] == '=');
    if (c == ':') {  // NAME: annotation = literal
      ++pos_;
      std::size_t depth = 0;
      while (pos_ < text_.size()) {
        char a = text_[pos_];
        if (a == '[' || a == '(') ++depth;
        else if ((a == ']' || a == ')') && depth) --depth;
        else if (a == '=' && depth == 0) break;
        else if ((a == '\n' || a == '\r') && depth == 0) break;
        ++pos_;
      }
      assign = pos_ < text_.size() && text_[pos_] == '=';
      if (!assign) {  // a bare annotation declares nothing
        skip_rest_of_line();
        return;
      }
      at = pos_;
    }
    if (!assign) {
      bool modifies = c == '[' || c == '.' ||
                      (at + 1 < text_.size() && text_[at + 1] == '=' && std::string_view("|+-&^").find(c) != std::string_view::npos);
      if (modifies)
        fail(begin, "top-level statement modifies " + std::string(name) +
                        " after its definition; aic-lint reads only the dictionary literal (move the entry "
                        "into the literal)");
      skip_rest_of_line();
      return;
    }
    if (found) {
      fail(begin, std::string(name) + " is assigned again (first at line " + std::to_string(found->line) +
                      "); aic-lint reads one literal per table");
    }
    pos_ = at + 1;
    Location loc = source_.location(begin);
    Assignment a;
    a.line = loc.line;
    a.column = loc.column;
    skip_space(false);
    a.value = value(0, false);
    skip_space(false);
    if (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r')
      fail(pos_, "unexpected " + shown_token(pos_) + " after the literal of " + std::string(name) +
                     " (aic-lint reads literals only; it never runs the file)");
    found = std::move(a);
    if (pos_ < text_.size()) pos_ = after_newline(pos_);
  }

  // Skips the rest of a logical line (brackets, strings and continuations included).
  void skip_rest_of_line() {
    std::size_t depth = 0;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '#') {
        skip_comment();
      } else if (c == '\'' || c == '"') {
        skip_string();
      } else if (c == '(' || c == '[' || c == '{') {
        ++depth, ++pos_;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth) --depth;
        ++pos_;
      } else if (c == '\\' && next_is_newline(pos_ + 1)) {
        pos_ = after_newline(pos_ + 1);
      } else if (c == '\n' || c == '\r') {
        pos_ = after_newline(pos_);
        if (depth == 0) return;
      } else {
        ++pos_;
      }
    }
  }

  Value at_here(Value::Kind kind, std::size_t at) const {
    Value v;
    v.kind = kind;
    Location loc = source_.location(at);
    v.line = loc.line;
    v.column = loc.column;
    return v;
  }

  // One literal. `nested`: inside brackets (newlines are insignificant).
  Value value(int depth, bool nested) {
    if (depth > kMaxNesting) fail(pos_, "literal nested too deeply");
    skip_space(nested);
    std::size_t at = pos_;
    if (at >= text_.size()) fail(at, "expected a literal, found the end of the file");
    char c = text_[at];
    if (c == '{') return braces(depth, at);
    if (c == '[') return sequence(depth, at, ']', Value::Kind::list);
    if (c == '(') return sequence(depth, at, ')', Value::Kind::tuple);
    if (c == '\'' || c == '"') return strings(at, nested);
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') return integer(at);
    if (ident_start(c)) {
      std::string_view word = identifier();
      if (pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"') && string_prefix(word)) {
        for (char p : word)
          if (p == 'b' || p == 'B' || p == 'f' || p == 'F')
            fail(at, std::string(p == 'b' || p == 'B' ? "bytes" : "f-string") +
                         " literal is not supported (aic-lint reads plain strings only; it never runs the file)");
        pos_ = at;
        return strings(at, nested);
      }
      if (word == "True" || word == "False") {
        Value v = at_here(Value::Kind::boolean, at);
        v.text = std::string(word);
        return v;
      }
      if (word == "None") return at_here(Value::Kind::none, at);
      fail(at, "expected a literal (string, dict, list, tuple, set, integer, True, False, None), found '" +
                   make_printable(word) + "': aic-lint reads literals only; it never runs the file");
    }
    fail(at, "expected a literal (string, dict, list, tuple, set, integer, True, False, None), found " +
                 shown_token(at));
  }

  Value integer(std::size_t at) {
    std::size_t begin = pos_;
    if (text_[pos_] == '-') {
      ++pos_;
      skip_space(false);
    }
    std::size_t digits = pos_;
    while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    if (pos_ == digits) fail(at, "expected a literal, found " + shown_token(at));
    if (pos_ < text_.size() && (ident_char(text_[pos_]) || text_[pos_] == '.')) {
      std::size_t end = pos_;
      while (end < text_.size() && (ident_char(text_[end]) || text_[end] == '.')) ++end;
      fail(at, "only decimal integers are supported, found '" +
                   make_printable(text_.substr(begin, end - begin)) + "'");
    }
    Value v = at_here(Value::Kind::integer, at);
    for (std::size_t i = begin; i < pos_; ++i)
      if (text_[i] != '_' && text_[i] != ' ' && text_[i] != '\t') v.text += text_[i];
    return v;
  }

  // One or more adjacent string literals (Python concatenates them).
  Value strings(std::size_t at, bool nested) {
    Value v = at_here(Value::Kind::string, at);
    while (true) {
      bool raw = false;
      while (pos_ < text_.size() && ident_char(text_[pos_])) {
        char p = text_[pos_];
        if (p == 'r' || p == 'R') raw = true;
        ++pos_;
      }
      v.text += one_string(raw);
      std::size_t save = pos_;
      skip_space(nested);
      std::size_t next = pos_;
      while (next < text_.size() && ident_char(text_[next]) && next - pos_ < 2) ++next;
      if (next < text_.size() && (text_[next] == '\'' || text_[next] == '"') &&
          string_prefix(text_.substr(pos_, next - pos_))) {
        std::string_view prefix = text_.substr(pos_, next - pos_);
        if (prefix.find_first_of("bBfF") != std::string_view::npos)
          fail(pos_, "bytes and f-string literals are not supported");
        continue;
      }
      pos_ = save;
      return v;
    }
  }

  std::string one_string(bool raw) {
    std::size_t begin = pos_;
    char q = text_[pos_];
    bool triple = pos_ + 2 < text_.size() && text_[pos_ + 1] == q && text_[pos_ + 2] == q;
    pos_ += triple ? 3 : 1;
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) fail(begin, "unterminated string");
      char c = text_[pos_];
      if (c == q) {
        if (!triple) {
          ++pos_;
          return out;
        }
        if (pos_ + 2 < text_.size() && text_[pos_ + 1] == q && text_[pos_ + 2] == q) {
          pos_ += 3;
          return out;
        }
        out += c;
        ++pos_;
        continue;
      }
      if (!triple && (c == '\n' || c == '\r')) fail(begin, "unterminated string");
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= text_.size()) fail(begin, "unterminated string");
      char e = text_[pos_ + 1];
      if (raw) {  // a raw string keeps the backslash (it still protects a quote)
        out += c;
        out += e;
        pos_ += 2;
        continue;
      }
      pos_ += 2;
      switch (e) {
        case '\n': break;
        case '\r':
          if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
          break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        case 'x': out += static_cast<char>(hex(2)); break;
        case 'u': append_utf8(out, hex(4)); break;
        case 'U': append_utf8(out, hex(8)); break;
        case 'N': fail(pos_ - 2, "\\N{...} escapes are not supported");
        default:  // Python keeps unknown escapes as written
          out += '\\';
          out += e;
      }
    }
  }

  std::uint32_t hex(int digits) {
    std::uint32_t v = 0;
    for (int i = 0; i < digits; ++i, ++pos_) {
      if (pos_ >= text_.size() || !std::isxdigit(static_cast<unsigned char>(text_[pos_])))
        fail(pos_, "truncated escape: expected " + std::to_string(digits) + " hex digits");
      char h = static_cast<char>(std::tolower(static_cast<unsigned char>(text_[pos_])));
      v = v * 16 + static_cast<std::uint32_t>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : h - 'a' + 10);
    }
    if (v > 0x10FFFF) fail(pos_, "escape out of the Unicode range");
    return v;
  }

  static bool hashable(const Value& v) {
    if (v.kind == Value::Kind::dict || v.kind == Value::Kind::list || v.kind == Value::Kind::set) return false;
    for (const auto& item : v.items)
      if (!hashable(item)) return false;
    return true;
  }

  static bool same(const Value& a, const Value& b) {
    if (a.kind != b.kind || a.text != b.text || a.items.size() != b.items.size()) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
      if (!same(a.items[i], b.items[i])) return false;
    return true;
  }

  // A dict or a set.
  Value braces(int depth, std::size_t at) {
    ++pos_;
    Value v = at_here(Value::Kind::dict, at);
    bool first = true;
    while (true) {
      skip_space(true);
      if (pos_ >= text_.size()) fail(at, "'{' is never closed");
      if (text_[pos_] == '}') {
        ++pos_;
        return v;
      }
      if (text_[pos_] == '*') fail(pos_, "unpacking ('*' / '**') is not supported: aic-lint reads literals only");
      std::size_t key_at = pos_;
      Value key = value(depth + 1, true);
      skip_space(true);
      if (first) {
        first = false;
        if (pos_ < text_.size() && text_[pos_] != ':') v.kind = Value::Kind::set;
      }
      if (!hashable(key)) fail(key_at, std::string(kind_name(key.kind)) + " cannot be a dict key or set element (unhashable)");
      if (v.kind == Value::Kind::dict) {
        if (pos_ >= text_.size() || text_[pos_] != ':') fail(pos_, "expected ':' after the dict key, found " + shown_token(pos_));
        ++pos_;
        Value item = value(depth + 1, true);
        // Python keeps the first key's place and the last value.
        bool replaced = false;
        for (std::size_t i = 0; i < v.items.size(); i += 2)
          if (same(v.items[i], key)) {
            v.items[i + 1] = std::move(item);
            replaced = true;
            break;
          }
        if (!replaced) {
          v.items.push_back(std::move(key));
          v.items.push_back(std::move(item));
        }
      } else {
        bool seen = false;
        for (const auto& e : v.items) seen = seen || same(e, key);
        if (!seen) v.items.push_back(std::move(key));
      }
      skip_space(true);
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      skip_space(true);
      if (pos_ >= text_.size()) fail(at, "'{' is never closed");
      if (text_[pos_] == '}') continue;
      fail(pos_, "expected ',' or '}' in the " + std::string(v.kind == Value::Kind::dict ? "dict" : "set") +
                     ", found " + shown_token(pos_) +
                     " (aic-lint reads literals only; comprehensions and expressions are not supported)");
    }
  }

  Value sequence(int depth, std::size_t at, char close, Value::Kind kind) {
    ++pos_;
    Value v = at_here(kind, at);
    bool comma = false;
    while (true) {
      skip_space(true);
      if (pos_ >= text_.size()) fail(at, std::string("'") + text_[at] + "' is never closed");
      if (text_[pos_] == close) {
        ++pos_;
        // (x) is x, not a tuple.
        if (kind == Value::Kind::tuple && v.items.size() == 1 && !comma) return std::move(v.items[0]);
        return v;
      }
      v.items.push_back(value(depth + 1, true));
      skip_space(true);
      if (pos_ < text_.size() && text_[pos_] == ',') {
        comma = true;
        ++pos_;
        continue;
      }
      if (pos_ >= text_.size()) fail(at, std::string("'") + text_[at] + "' is never closed");
      if (text_[pos_] == close) continue;
      fail(pos_, std::string("expected ',' or '") + close + "', found " + shown_token(pos_) +
                     " (aic-lint reads literals only; comprehensions and expressions are not supported)");
    }
  }

  std::string_view text_;
  SourceFile source_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<Assignment> read_assignment(std::string_view source, std::string_view name,
                                          const std::string& display) {
  Reader reader(source, display);
  return reader.find(name);
}

}  // namespace aic::python

#pragma once
// A reader for the Python literal subset aiconfigurator's sdk/common.py uses for its registry
// tables: strings ('...', "...", adjacent strings concatenated, r/u prefixes), dicts, lists,
// tuples, sets, integers, True/False/None, comments, trailing commas, line continuations.
// It never executes anything: anything else inside a literal is an error with line:col.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aic::python {

struct Value {
  enum class Kind { string, integer, boolean, none, dict, list, tuple, set };
  Kind kind = Kind::none;
  std::string text;               // string: its value; integer/boolean: as written
  std::vector<Value> items;       // list, tuple, set; dict: keys and values alternate
  std::size_t line = 0, column = 0;  // 1-based position of the value's first character

  bool is_string() const { return kind == Kind::string; }
  std::size_t dict_size() const { return items.size() / 2; }
  const Value& key(std::size_t i) const { return items[2 * i]; }
  const Value& value(std::size_t i) const { return items[2 * i + 1]; }
};

std::string_view kind_name(Value::Kind kind);  // "a string", "a dict", ...

// One top-level assignment `NAME = <literal>` (or `NAME: annotation = <literal>`).
struct Assignment {
  Value value;
  std::size_t line = 0, column = 0;  // of NAME
};

// Finds the top-level (unindented) assignment of `name` in a Python source and reads its literal.
// Returns nullopt when there is no such assignment. Throws UsageError
// "display:line:col: what is wrong" when the literal is outside the subset, the name is assigned
// more than once at the top level, or a top-level statement modifies it afterwards
// (NAME[...] = ..., NAME.update(...), NAME |= ...): the table would then not be what the literal
// says.
std::optional<Assignment> read_assignment(std::string_view source, std::string_view name,
                                          const std::string& display);

}  // namespace aic::python

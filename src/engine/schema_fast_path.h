#pragma once
// An allocation-free pre-check of a document against a JSON Schema, compiled once from the same
// schema JSON as valijson's. It answers only "certainly valid" or "not sure": valijson stays the
// authority for every diagnostic (check_schema runs it whenever this says "not sure"), so the
// output cannot change as long as this never accepts what valijson (strong types) rejects.
//
// Why: valijson's `properties` check looks each schema property up in the object by a linear
// scan, builds a std::set of matched names and copies a vector<string> context per child; on a
// small config that was ~4x the cost of reading and parsing the file. Here every member of an
// object is looked up once in a hash table of the schema's properties.
//
// Supported: type (name or list), minimum, minLength, minItems, items (one schema), properties,
// additionalProperties (bool or schema), required, enum (null, booleans, strings, integers),
// allOf, $ref to "#/definitions/<name>", boolean schemas, and annotations (title, description,
// $schema, $id, $comment, default, examples, definitions, "x-..."). A schema using anything else
// does not compile (compile() returns nullptr) and every file goes to valijson.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/rapidjson.h"
#include "core/short_key.h"

namespace aic {

class SchemaFastPath {
 public:
  // nullptr when `schema` uses a keyword or form outside the supported subset. The result keeps
  // views of `schema`'s strings: `schema` must outlive it (SchemaSet::Compiled holds both).
  static std::unique_ptr<const SchemaFastPath> compile(const rapidjson::Value& schema);

  // True only when valijson (Validator::kStrongTypes) certainly accepts `value`; false means
  // "invalid, or not sure" (a non-finite number or an integer beyond int64 under "minimum", a
  // value nested deeper than kMaxDepth schema steps, ...).
  bool certainly_valid(const rapidjson::Value& value) const;

  // Schema steps (a descent into a member or item, or an allOf branch) before "not sure".
  static constexpr unsigned kMaxDepth = 256;

  // "type" as a mask of one bit per JSON type (schema_fast_path.cc), so a list is one test.
  static constexpr std::uint8_t kAnyType = 127;

 private:
  friend class SchemaFastPathCompiler;

  // A run [begin, begin + count) of one of the shared arrays below: a handful of allocations for
  // the whole schema rather than several per node (the compile runs in every pre-commit call).
  struct Span {
    std::uint32_t begin = 0;
    std::uint32_t count = 0;
  };
  struct Property {
    std::string_view name;  // points into the schema JSON
    ShortKey key;           // of name: a probe compares it, not the bytes (core/short_key.h)
    std::uint32_t node = 0;
  };
  struct EnumValue {
    enum Kind : std::uint8_t { null, boolean, integer, string } kind = null;
    bool boolean_value = false;
    std::int64_t integer_value = 0;
    std::string_view string_value;  // points into the schema JSON
  };
  struct Node {
    bool always_invalid = false;  // the boolean schema false
    // Nothing but "type" to check (most leaves: "integer", ["integer", "null"], ...): a parent
    // tests the value's type itself rather than calling check().
    bool type_only = false;
    std::uint8_t types = kAnyType;
    bool has_minimum = false;
    bool has_properties = false;  // "properties" or "additionalProperties" present
    bool has_enum = false;
    enum class Additional : std::uint8_t { any, none, schema } additional = Additional::any;
    double minimum = 0;
    std::uint64_t min_length = 0;
    std::uint64_t min_items = 0;
    std::int64_t items = -1;  // node index, or -1
    std::uint32_t additional_node = 0;
    Span properties;   // properties_
    Span slots;        // slots_: open addressing over this node's properties (index, or -1)
    Span required;     // strings_
    Span enum_values;  // enum_values_
    Span all_of;       // node_lists_
  };

  const Property* find(const Node& node, std::string_view name) const;
  bool check(std::uint32_t node, const rapidjson::Value& value, unsigned depth) const;
  bool check_child(std::uint32_t node, const rapidjson::Value& value, unsigned depth) const;
  bool check_object(const Node& node, const rapidjson::Value& value, unsigned depth) const;

  std::vector<Node> nodes_;
  std::vector<Property> properties_;
  std::vector<std::int32_t> slots_;
  std::vector<std::string_view> strings_;
  std::vector<EnumValue> enum_values_;
  std::vector<std::uint32_t> node_lists_;
  std::uint32_t root_ = 0;
};

}  // namespace aic
